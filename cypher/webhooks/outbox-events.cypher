// @name webhooks/outbox-events
// @mode WRITE
// @param rows: list<{id, type, ...}> (the event rows just written by ingest/events)
// In the ingest transaction: every new DRIFT event becomes a drift alert for the subscribers.
// Free text (message, details) never leaves: the payload names ids, types and times only.
UNWIND $rows AS row
WITH row WHERE row.type = 'DRIFT'
MATCH (e:Event {id: row.id})-[:DURING]->(run:Run)
OPTIONAL MATCH (run)-[:OF_NODE]->(node:PipelineNode)<-[:HAS_NODE]-(ion:ION)
WITH [{eventType: 'DRIFT_ALERT', eventId: 'drift.alert:' + e.id, occurredAt: e.at, ionId: ion.id,
       subjectType: 'Event', subjectId: e.id, runId: run.id, pipelineNodeId: node.id}] AS events
// Fan-out: one outbox delivery per enabled subscription that wants this event type and ION.
// Subscriptions are few (capped by the service) and found through the enabled index.
UNWIND events AS ev
MATCH (w:Webhook {enabled: true})
WHERE ev.eventType IN w.eventTypes AND (w.ionId IS NULL OR w.ionId = ev.ionId)
CREATE (x:WebhookDelivery)-[:FOR_WEBHOOK]->(w)
SET x = ev
SET x.id = randomUUID(), x.webhookId = w.id, x.status = 'PENDING', x.attempts = 0, x.nextAttemptAt = datetime(), x.createdAt = datetime()
