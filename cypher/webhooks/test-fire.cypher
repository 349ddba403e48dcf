// @name webhooks/test-fire
// @mode WRITE
// @param id: string
// A test event for one subscription, through the same outbox and dispatcher as real ones.
MATCH (w:Webhook {id: $id})
WITH w, randomUUID() AS uuid
CREATE (d:WebhookDelivery {id: uuid, webhookId: w.id, eventId: 'webhook.test:' + uuid, eventType: 'WEBHOOK_TEST', occurredAt: datetime(),
                           ionId: w.ionId, subjectType: 'Webhook', subjectId: w.id, status: 'PENDING', attempts: 0,
                           nextAttemptAt: datetime(), createdAt: datetime()})-[:FOR_WEBHOOK]->(w)
RETURN d {.id, .webhookId, .eventId, .eventType, .status, .attempts, .occurredAt, .createdAt, .nextAttemptAt, .deliveredAt, .lastAttemptAt,
          .lastStatusCode, .lastError, .ionId, .subjectType, .subjectId, .modelVersionId, .runId, .pipelineNodeId, .principalId,
          .detail, .previousModelVersionId, .policy} AS delivery
