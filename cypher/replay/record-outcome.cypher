// @name replay/record-outcome
// @mode WRITE
// @param rows: list<{predictionId, verdict, missing, maxScoreDifference, tolerance, modelVersionIds, at, by}>
// Records the latest replay of each prediction on its one ReplayOutcome node (idempotent: a
// later replay updates it and counts it), linked (p)-[:REPLAYED_AS]->(o). Up to a page per call.
UNWIND $rows AS row
MATCH (p:Prediction {id: row.predictionId})
MERGE (o:ReplayOutcome {id: 'replay:' + row.predictionId})
  ON CREATE SET o.createdAt = datetime(), o.replays = 0
SET o.verdict = row.verdict, o.missing = row.missing, o.maxScoreDifference = row.maxScoreDifference,
  o.tolerance = row.tolerance, o.modelVersionIds = row.modelVersionIds, o.at = datetime(row.at),
  o.by = row.by, o.replays = o.replays + 1
MERGE (p)-[:REPLAYED_AS]->(o)
RETURN count(o) AS recorded
