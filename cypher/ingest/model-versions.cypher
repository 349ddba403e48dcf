// @name ingest/model-versions
// @mode WRITE
// @param rows: list<{id, modelId, version, algorithm, framework, format, artifactUri, digest, hyperparameters, metrics, inputSchema, outputSchema, status, producedByRunId, uploadedById, createdAt, tags, hash}>
// A model version, the run that produced it (or who uploaded it); ensemble edges come next.
UNWIND $rows AS row
MATCH (m:Model {id: row.modelId})
CREATE (mv:ModelVersion {
  id: row.id, version: row.version, algorithm: row.algorithm, framework: row.framework, format: row.format,
  artifactUri: row.artifactUri, digest: row.digest, hyperparameters: row.hyperparameters, metrics: row.metrics,
  inputSchema: row.inputSchema, outputSchema: row.outputSchema, status: row.status,
  name: m.name + ' ' + row.version, tags: [tag IN row.tags | tag.key + '=' + tag.value], contentHash: row.hash, createdAt: coalesce(datetime(row.createdAt), datetime())
})
CREATE (mv)-[:VERSION_OF]->(m)
WITH mv, row
CALL (mv, row) {
  OPTIONAL MATCH (run:Run {id: row.producedByRunId})
  FOREACH (_ IN CASE WHEN run IS NULL THEN [] ELSE [1] END | CREATE (run)-[:PRODUCED]->(mv))
}
CALL (mv, row) {
  OPTIONAL MATCH (who:Principal {id: row.uploadedById})
  FOREACH (_ IN CASE WHEN who IS NULL THEN [] ELSE [1] END | CREATE (mv)-[:UPLOADED_BY]->(who))
}
CALL (mv, row) {
  // Tags are shared nodes, one per key/value pair (merged under their unique id).
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  CREATE (mv)-[:TAGGED]->(t)
}
