// @name webhooks/deliveries
// @mode READ
// @param webhookId: string
// @param status: string? (null: any)
// @param before: string? (page cursor: createdAt of the last item of the previous page)
// @param limit: integer
// A subscription's outbox, newest first, from the (webhookId, createdAt) index.
MATCH (d:WebhookDelivery)
WHERE d.webhookId = $webhookId AND d.createdAt < coalesce(datetime($before), datetime('9999-12-31T00:00:00Z'))
  AND ($status IS NULL OR d.status = $status)
WITH d ORDER BY d.createdAt DESC, d.id LIMIT toInteger($limit)
RETURN d {.id, .webhookId, .eventId, .eventType, .status, .attempts, .occurredAt, .createdAt, .nextAttemptAt, .deliveredAt, .lastAttemptAt,
          .lastStatusCode, .lastError, .ionId, .subjectType, .subjectId, .modelVersionId, .runId, .pipelineNodeId, .principalId,
          .detail, .previousModelVersionId, .policy} AS delivery
