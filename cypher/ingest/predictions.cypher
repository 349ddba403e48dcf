// @name ingest/predictions
// @mode WRITE
// @param rows: list<{id, runId, requestId, subjectKey, at, inputs, output, score, attributions, modelVersionIds, hash}>
// Predictions arrive in batches of up to 10,000; one row per prediction, links to its run and models.
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})
CREATE (p:Prediction {
  id: row.id, requestId: row.requestId, subjectKey: row.subjectKey, at: datetime(row.at),
  inputs: row.inputs, output: row.output, score: row.score, attributions: row.attributions,
  contentHash: row.hash, createdAt: datetime()
})
CREATE (p)-[:MADE_BY]->(run)
WITH p, row
CALL (p, row) {
  UNWIND row.modelVersionIds AS modelVersionId
  MATCH (mv:ModelVersion {id: modelVersionId})
  CREATE (p)-[:USED]->(mv)
}
