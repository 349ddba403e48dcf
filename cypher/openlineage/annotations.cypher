// @name openlineage/annotations
// @mode WRITE
// @param rows: list<{label, nodeId, tags, owners}>
// Tags (`tags` facet) and owners (`ownership` facet) of datasets, models, jobs and runs, merged
// into what the node carries: facets only add, so replays and any arrival order give one graph.
// Tags are the shared (:Tag) nodes of native ingest; owners are principals the node is OWNED_BY.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
CALL (row) {
  MATCH (n:Dataset {id: row.nodeId}) WHERE row.label = 'Dataset' RETURN n
  UNION
  MATCH (n:Model {id: row.nodeId}) WHERE row.label = 'Model' RETURN n
  UNION
  MATCH (n:PipelineNode {id: row.nodeId}) WHERE row.label = 'PipelineNode' RETURN n
  UNION
  MATCH (n:Run {id: row.nodeId}) WHERE row.label = 'Run' RETURN n
}
SET n.tags = reduce(acc = coalesce(n.tags, []), tag IN row.tags |
  CASE WHEN tag.key + '=' + tag.value IN acc THEN acc ELSE acc + (tag.key + '=' + tag.value) END)
SET n.owner = CASE WHEN n:Dataset AND n.owner IS NULL AND size(row.owners) > 0 THEN row.owners[0].name ELSE n.owner END
WITH n, row
CALL (n, row) {
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  MERGE (n)-[:TAGGED]->(t)
}
CALL (n, row) {
  UNWIND row.owners AS owner
  MERGE (p:Principal {id: owner.id})
    ON CREATE SET p.name = owner.name, p.kind = owner.kind, p.source = 'openlineage', p.createdAt = datetime()
  MERGE (n)-[o:OWNED_BY]->(p)
  SET o.type = coalesce(owner.type, o.type)
}
