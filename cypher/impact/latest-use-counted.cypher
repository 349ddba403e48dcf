// @name impact/latest-use-counted
// @mode READ
// @param modelVersionIds: list<string>
// The newest prediction time among the given versions' predictions, from the maintained
// counters (cypher/ingest/prediction-counts): per version, the newest counted hour by the
// (modelVersionId, hour) index and the latest time its shards saw. Same answer as
// impact/latest-use, which reads `at` once per USED link, without reading any prediction.
UNWIND $modelVersionIds AS mvId
CALL (mvId) {
  MATCH (c:UseCount)
  WHERE c.modelVersionId = mvId AND c.hour IS NOT NULL
  WITH c.hour AS hour ORDER BY hour DESC LIMIT 1
  MATCH (c:UseCount)
  WHERE c.modelVersionId = mvId AND c.hour = hour
  RETURN max(c.last) AS latest
}
RETURN max(latest) AS latest
