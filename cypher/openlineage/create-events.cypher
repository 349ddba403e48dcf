// @name openlineage/create-events
// @mode WRITE
// @param rows: list<{id, kind, eventType, eventTime, runId, jobNamespace, jobName, producer, body}>
// Stores raw events assumed new (gzip-compressed JSON, base64, keyed by their content hash),
// without looking first: the uniqueness constraint on the id refuses one already stored, the
// transaction fails whole, and it runs again with `openlineage/claim-events`, which tells replays
// apart. New events, by far the common case, then need no round trip of their own.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
CREATE (:OpenLineageEvent {
  id: row.id, kind: row.kind, eventType: row.eventType, eventTime: datetime(row.eventTime), runId: row.runId,
  jobNamespace: row.jobNamespace, jobName: row.jobName, producer: row.producer, body: row.body,
  receivedAt: datetime(), createdAt: datetime()
})
