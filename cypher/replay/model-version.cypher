// @name replay/model-version
// @mode READ
// @param modelVersionId: string
// One model version as a what-if replay runs it: format, digest, members with their weights.
MATCH (mv:ModelVersion {id: $modelVersionId})
CALL (mv) {
  OPTIONAL MATCH (mv)-[m:HAS_MEMBER]->(part:ModelVersion)
  WITH m, part ORDER BY part.id LIMIT 20
  RETURN collect(CASE WHEN part IS NULL THEN null ELSE {
    id: part.id, modelId: [(part)-[:VERSION_OF]->(model:Model) | model.id][0], format: part.format, digest: part.digest,
    hyperparameters: part.hyperparameters, inputSchema: part.inputSchema, weight: m.weight
  } END) AS members
}
RETURN mv.id AS id, [(mv)-[:VERSION_OF]->(model:Model) | model.id][0] AS modelId, mv.format AS format, mv.digest AS digest,
  mv.hyperparameters AS hyperparameters, mv.inputSchema AS inputSchema, members
