// @name ingest/model-loads
// @mode WRITE
// @param rows: list<{runId, modelVersionId, at}>
// A load has no id of its own: (run, model version, instant) is its key, so MERGE makes replays harmless.
UNWIND $rows AS row
MATCH (run:Run {id: row.runId}), (mv:ModelVersion {id: row.modelVersionId})
// Kept in UTC: DATETIME equality also compares offsets, so 01:00+01:00 would not find 00:00Z.
MERGE (run)-[load:LOADED {at: datetime({datetime: datetime(row.at), timezone: 'Z'})}]->(mv)
  ON CREATE SET load.new = true
WITH load, load.new AS isNew
REMOVE load.new
RETURN count(CASE WHEN isNew THEN 1 END) AS created
