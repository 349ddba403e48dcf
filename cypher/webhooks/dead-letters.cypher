// @name webhooks/dead-letters
// @mode READ
// @param limit: integer
// Deliveries given up on, across subscriptions, from the (status, nextAttemptAt) index.
MATCH (d:WebhookDelivery)
WHERE d.status = 'DEAD' AND d.nextAttemptAt IS NOT NULL
WITH d ORDER BY d.nextAttemptAt DESC LIMIT toInteger($limit)
RETURN d {.id, .webhookId, .eventId, .eventType, .status, .attempts, .occurredAt, .createdAt, .nextAttemptAt, .deliveredAt, .lastAttemptAt,
          .lastStatusCode, .lastError, .ionId, .subjectType, .subjectId, .modelVersionId, .runId, .pipelineNodeId, .principalId,
          .detail, .previousModelVersionId, .policy} AS delivery
