// @name ingest/runs
// @mode WRITE
// @param rows: list<{id, pipelineNodeId, instanceId, kind, startedAt, endedAt, status, params, codeVersion, engine, engineVersion, host, environment, triggeredById, searchGroupId, purpose, datasetVersionIds, featureIds, tags, hash}>
// A pipeline run with what it read and which features it used; links are optional per row.
UNWIND $rows AS row
MATCH (node:PipelineNode {id: row.pipelineNodeId})
CREATE (r:Run {
  id: row.id, kind: row.kind, startedAt: datetime(row.startedAt), endedAt: datetime(row.endedAt),
  status: row.status, params: row.params, codeVersion: row.codeVersion, engine: row.engine,
  engineVersion: row.engineVersion, host: row.host, environment: row.environment,
  searchGroupId: row.searchGroupId, purpose: row.purpose, tags: [tag IN row.tags | tag.key + '=' + tag.value], contentHash: row.hash, createdAt: datetime()
})
CREATE (r)-[:OF_NODE]->(node)
WITH r, row
CALL (r, row) {
  OPTIONAL MATCH (instance:IONInstance {id: row.instanceId})
  FOREACH (_ IN CASE WHEN instance IS NULL THEN [] ELSE [1] END | CREATE (r)-[:IN_INSTANCE]->(instance))
}
CALL (r, row) {
  OPTIONAL MATCH (who:Principal {id: row.triggeredById})
  FOREACH (_ IN CASE WHEN who IS NULL THEN [] ELSE [1] END | CREATE (r)-[:TRIGGERED_BY]->(who))
}
CALL (r, row) {
  UNWIND row.datasetVersionIds AS dvId
  MATCH (dv:DatasetVersion {id: dvId})
  CREATE (r)-[:READ]->(dv)
}
CALL (r, row) {
  UNWIND row.featureIds AS featureId
  MATCH (f:Feature {id: featureId})
  CREATE (r)-[:USED_FEATURE]->(f)
}
CALL (r, row) {
  // Tags are shared nodes, one per key/value pair (merged under their unique id).
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  CREATE (r)-[:TAGGED]->(t)
}
