// @name maintained/rebuild-use-counts
// @mode WRITE
// Recounts the UseCount counters from the stored USED links: one transaction per model
// version, its predictions grouped by hour into shard 0. MERGE and SET (not add), so running it
// twice, or from two instances at once, leaves the same counts.
MATCH (mv:ModelVersion)
CALL (mv) {
  MATCH (mv)<-[:USED]-(p:Prediction)
  WITH mv, toInteger(floor(p.at.epochSeconds / 3600.0)) AS hour, count(*) AS n, min(p.at) AS first, max(p.at) AS last
  MERGE (c:UseCount {id: mv.id + '|' + toString(hour) + '|0'})
  SET c.modelVersionId = mv.id, c.hour = hour, c.count = n, c.first = first, c.last = last
} IN TRANSACTIONS OF 1 ROWS
