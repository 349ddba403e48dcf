// @name openlineage/quality
// @mode WRITE
// @param rows: list<{datasetId, versionId, latest, runId, metrics, assertions}>
// `dataQualityMetrics` (row count, bytes, per-column null/distinct counts, min, max...) and
// `dataQualityAssertions` (each test, its column and whether it passed) on the dataset version
// they describe: the named version, or for an input without a `version` facet the version the
// run READ. The latest event carrying them wins.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
CALL (row) {
  MATCH (v:DatasetVersion {id: row.versionId}) WHERE NOT row.latest RETURN v
  UNION
  MATCH (:Run {id: row.runId})-[:READ]->(v:DatasetVersion)-[:VERSION_OF]->(:Dataset {id: row.datasetId}) WHERE row.latest RETURN v
}
SET v.qualityMetrics = coalesce(row.metrics, v.qualityMetrics),
  v.qualityAssertions = coalesce(row.assertions, v.qualityAssertions)
