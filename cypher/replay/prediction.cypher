// @name replay/prediction
// @mode READ
// @param predictionId: string
// What a replay needs of one prediction: its recorded inputs and outcome, and each model version
// it used with its members (weights, formats, digests). At most 20 versions and 20 members each.
MATCH (p:Prediction {id: $predictionId})
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
RETURN p.id AS id, p.inputs AS inputs, p.output AS output, p.score AS score, run.id AS runId, models
