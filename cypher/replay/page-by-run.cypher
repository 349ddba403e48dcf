// @name replay/page-by-run
// @mode READ
// @param runId: string
// @param afterId: string
// @param limit: int
// A page of a run's predictions in id order (keyset: ids after $afterId), as replay reads them.
MATCH (:Run {id: $runId})<-[:MADE_BY]-(p:Prediction)
WHERE p.id > $afterId
WITH p ORDER BY p.id LIMIT $limit
CALL (p) {
  OPTIONAL MATCH (p)-[:USED]->(mv:ModelVersion)
  WITH mv ORDER BY mv.id LIMIT 20
  CALL (mv) {
    OPTIONAL MATCH (mv)-[m:HAS_MEMBER]->(part:ModelVersion)
    WITH m, part ORDER BY part.id LIMIT 20
    RETURN collect(CASE WHEN part IS NULL THEN null ELSE {
      id: part.id, format: part.format, digest: part.digest, hyperparameters: part.hyperparameters,
      inputSchema: part.inputSchema, weight: m.weight
    } END) AS members
  }
  RETURN collect(CASE WHEN mv IS NULL THEN null ELSE {
    id: mv.id, format: mv.format, digest: mv.digest, hyperparameters: mv.hyperparameters,
    inputSchema: mv.inputSchema, members: members
  } END) AS models
}
OPTIONAL MATCH (p)-[:MADE_BY]->(run:Run)
RETURN toString(p.at) AS at, p.id AS id, p.inputs AS inputs, p.output AS output, p.score AS score, run.id AS runId, models
