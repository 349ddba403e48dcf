// @name maintained/rebuild-unversioned-counts
// @mode WRITE
// Recounts the UnversionedCount counters: per run, its predictions that recorded no model
// version, grouped by hour into shard 0 (MERGE and SET: idempotent, like the use counts).
MATCH (run:Run)
CALL (run) {
  MATCH (run)<-[:MADE_BY]-(p:Prediction)
  WHERE NOT EXISTS { (p)-[:USED]->(:ModelVersion) }
  WITH run, toInteger(floor(p.at.epochSeconds / 3600.0)) AS hour, count(*) AS n, min(p.at) AS first, max(p.at) AS last
  MERGE (c:UnversionedCount {id: run.id + '|' + toString(hour) + '|0'})
  SET c.runId = run.id, c.hour = hour, c.count = n, c.first = first, c.last = last
} IN TRANSACTIONS OF 100 ROWS
