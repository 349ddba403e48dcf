// @name openlineage/claim-events
// @mode WRITE
// @param rows: list<{id, kind, eventType, eventTime, runId, jobNamespace, jobName, producer, body}>
// Stores each raw event not stored yet (gzip-compressed JSON, base64, keyed by its content hash)
// and says which were new: only those are merged into the graph; the others are replays.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
OPTIONAL MATCH (known:OpenLineageEvent {id: row.id})
FOREACH (_ IN CASE WHEN known IS NULL THEN [1] ELSE [] END |
  CREATE (:OpenLineageEvent {
    id: row.id, kind: row.kind, eventType: row.eventType, eventTime: datetime(row.eventTime), runId: row.runId,
    jobNamespace: row.jobNamespace, jobName: row.jobName, producer: row.producer, body: row.body,
    receivedAt: datetime(), createdAt: datetime()
  }))
RETURN row.id AS id, known IS NULL AS created
