// @name webhooks/redrive
// @mode WRITE
// @param webhookId: string
// @param ids: list<string>
// Puts dead deliveries of one subscription back in the outbox with a fresh attempt budget; the
// delivery id stays, so a receiver that did get an earlier attempt can drop the repeat.
UNWIND $ids AS deliveryId
MATCH (d:WebhookDelivery {id: deliveryId})
WHERE d.webhookId = $webhookId AND d.status = 'DEAD'
SET d.status = 'PENDING', d.attempts = 0, d.nextAttemptAt = datetime(), d.leaseOwner = null
RETURN d {.id, .webhookId, .eventId, .eventType, .status, .attempts, .occurredAt, .createdAt, .nextAttemptAt, .deliveredAt, .lastAttemptAt,
          .lastStatusCode, .lastError, .ionId, .subjectType, .subjectId, .modelVersionId, .runId, .pipelineNodeId, .principalId,
          .detail, .previousModelVersionId, .policy} AS delivery
