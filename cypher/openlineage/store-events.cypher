// @name openlineage/store-events
// @mode WRITE
// @param rows: list<{id, kind, eventType, eventTime, runId, jobNamespace, jobName, producer, body}>
// Each raw event as received (gzip-compressed JSON, base64), so the graph can be rebuilt from them.
UNWIND $rows AS row
CREATE (:OpenLineageEvent {
  id: row.id, kind: row.kind, eventType: row.eventType, eventTime: datetime(row.eventTime), runId: row.runId,
  jobNamespace: row.jobNamespace, jobName: row.jobName, producer: row.producer, body: row.body,
  receivedAt: datetime(), createdAt: datetime()
})
