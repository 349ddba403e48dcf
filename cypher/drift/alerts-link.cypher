// @name drift/alerts-link
// @mode WRITE
// @param rows: list<{eventId, windowId, feature, baselineDatasetVersionId, modelVersionIds}>
// Links a DRIFT event to what it is about: its window, the feature, the baseline dataset version
// and the model versions serving then (MERGE: linking twice changes nothing).
UNWIND $rows AS row
MATCH (e:Event {id: row.eventId})
MATCH (w:DriftWindow {id: row.windowId})
MERGE (e)-[:FOR_WINDOW]->(w)
WITH e, row
CALL (e, row) {
  MATCH (f:Feature {name: row.feature})
  WITH f ORDER BY f.id LIMIT 1
  MERGE (e)-[:ABOUT_FEATURE]->(f)
}
CALL (e, row) {
  MATCH (dv:DatasetVersion {id: row.baselineDatasetVersionId})
  MERGE (e)-[:AGAINST_BASELINE]->(dv)
}
CALL (e, row) {
  UNWIND row.modelVersionIds AS mvId
  MATCH (mv:ModelVersion {id: mvId})
  MERGE (e)-[:SERVED_BY]->(mv)
}
RETURN count(*) AS linked
