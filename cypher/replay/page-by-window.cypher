// @name replay/page-by-window
// @mode READ
// @param from: string
// @param to: string
// @param afterAt: string
// @param afterId: string
// @param limit: int
// A page of the predictions made in [from, to), in (at, id) order after the cursor, seeking the
// Prediction(at) index.
MATCH (p:Prediction)
WHERE p.at >= datetime($from) AND p.at < datetime($to)
  AND (p.at > datetime($afterAt) OR (p.at = datetime($afterAt) AND p.id > $afterId))
WITH p ORDER BY p.at, p.id LIMIT $limit
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
