// @name webhooks/outbox-model-versions
// @mode WRITE
// @param rows: list<{id, status, ...}> (the model version rows just written by ingest/model-versions)
// In the ingest transaction: a version recorded as RETIRED. It has no ION of its own (it is not
// deployed yet when written), so only global subscriptions receive it.
UNWIND $rows AS row
WITH row WHERE row.status = 'RETIRED'
MATCH (mv:ModelVersion {id: row.id})
WITH [{eventType: 'MODEL_VERSION_RETIRED', eventId: 'model_version.retired:' + mv.id, occurredAt: mv.createdAt, ionId: null,
       subjectType: 'ModelVersion', subjectId: mv.id, modelVersionId: mv.id, detail: mv.status}] AS events
// Fan-out: one outbox delivery per enabled subscription that wants this event type and ION.
// Subscriptions are few (capped by the service) and found through the enabled index.
UNWIND events AS ev
MATCH (w:Webhook {enabled: true})
WHERE ev.eventType IN w.eventTypes AND (w.ionId IS NULL OR w.ionId = ev.ionId)
CREATE (x:WebhookDelivery)-[:FOR_WEBHOOK]->(w)
SET x = ev
SET x.id = randomUUID(), x.webhookId = w.id, x.status = 'PENDING', x.attempts = 0, x.nextAttemptAt = datetime(), x.createdAt = datetime()
