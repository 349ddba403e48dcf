// @name openlineage/parents
// @mode WRITE
// @param rows: list<{ionId, ionName, instanceId, parentRunId, parentJobId, childRunId, childJobId}>
// The `parent` facet: the parent job is an ION holding both jobs' pipeline nodes, the parent run
// its instance; parent and child runs both belong to that instance, the child also CHILD_OF the parent.
// Every child names its parent: the instance is written only when its times or status change.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (child:Run {id: row.childRunId}), (parent:Run {id: row.parentRunId})
MATCH (childNode:PipelineNode {id: row.childJobId}), (parentNode:PipelineNode {id: row.parentJobId})
MERGE (ion:ION {id: row.ionId})
  ON CREATE SET ion.name = row.ionName, ion.version = 'openlineage', ion.source = 'openlineage', ion.createdAt = datetime()
MERGE (ion)-[:HAS_NODE]->(parentNode)
MERGE (ion)-[:HAS_NODE]->(childNode)
MERGE (instance:IONInstance {id: row.instanceId})
  ON CREATE SET instance.source = 'openlineage', instance.createdAt = datetime()
FOREACH (_ IN CASE WHEN coalesce(instance.startedAt <> parent.startedAt, instance.startedAt IS NULL <> parent.startedAt IS NULL)
    OR coalesce(instance.endedAt <> parent.endedAt, instance.endedAt IS NULL <> parent.endedAt IS NULL)
    OR coalesce(instance.status <> parent.status, instance.status IS NULL <> parent.status IS NULL) THEN [1] ELSE [] END |
  SET instance.startedAt = parent.startedAt, instance.endedAt = parent.endedAt, instance.status = parent.status)
MERGE (instance)-[:INSTANCE_OF]->(ion)
MERGE (child)-[:CHILD_OF]->(parent)
WITH child, parent, instance
CALL (child, instance) {
  WITH child, instance WHERE NOT EXISTS { (child)-[:IN_INSTANCE]->() }
  MERGE (child)-[:IN_INSTANCE]->(instance)
}
CALL (parent, instance) {
  WITH parent, instance WHERE NOT EXISTS { (parent)-[:IN_INSTANCE]->() }
  MERGE (parent)-[:IN_INSTANCE]->(instance)
}
