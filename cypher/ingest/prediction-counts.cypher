// @name ingest/prediction-counts
// @mode WRITE
// @param rows: list<{runId, at, modelVersionIds}>
// Counts the predictions this transaction CREATED (the engine passes new items only, so a
// retried or replayed batch never counts twice): per model version and hour for impact and
// SERVED_BY_REJECTED_OR_RETIRED, per run and hour for those that recorded no model version
// (MISSING_MODEL_VERSION). One counter per version would be one hot node that every writer
// locks until commit; the counters are split by hour and by a write shard drawn once per
// statement, so concurrent writers mostly touch different nodes. Readers sum the shards.
// Keys are sorted so concurrent writers lock shared counters in the same order.
WITH toInteger(rand() * 4) AS shard
UNWIND $rows AS row
WITH shard, row, datetime(row.at) AS at
WITH shard, row, at, toInteger(floor(at.epochSeconds / 3600.0)) AS hour
UNWIND CASE WHEN size(row.modelVersionIds) = 0 THEN [null] ELSE row.modelVersionIds END AS modelVersionId
WITH shard, hour, modelVersionId, CASE WHEN modelVersionId IS NULL THEN row.runId END AS runId,
  count(*) AS n, min(at) AS first, max(at) AS last
WITH shard, hour, modelVersionId, runId, n, first, last,
  coalesce(modelVersionId, runId) + '|' + toString(hour) + '|' + toString(shard) AS key
ORDER BY key
CALL (modelVersionId, hour, key, n, first, last) {
  WITH * WHERE modelVersionId IS NOT NULL
  MERGE (c:UseCount {id: key})
    ON CREATE SET c.modelVersionId = modelVersionId, c.hour = hour, c.count = 0, c.first = first, c.last = last
  SET c.count = c.count + n,
    c.first = CASE WHEN first < c.first THEN first ELSE c.first END,
    c.last = CASE WHEN last > c.last THEN last ELSE c.last END
}
CALL (runId, hour, key, n, first, last) {
  WITH * WHERE runId IS NOT NULL
  MERGE (c:UnversionedCount {id: key})
    ON CREATE SET c.runId = runId, c.hour = hour, c.count = 0, c.first = first, c.last = last
  SET c.count = c.count + n,
    c.first = CASE WHEN first < c.first THEN first ELSE c.first END,
    c.last = CASE WHEN last > c.last THEN last ELSE c.last END
}
