// @name webhooks/complete
// @mode WRITE
// @param id: string
// @param owner: string (only the lease holder records the outcome)
// @param status: string (DELIVERED, PENDING for a retry, DEAD)
// @param nextAttemptAt: string? (when a retry is due; null: now, which orders dead letters)
// @param statusCode: integer? (the receiver's HTTP status, if it answered)
// @param latencyMs: float
// @param error: string?
// Records one attempt in the delivery log and moves the outbox item on, in one transaction.
MATCH (d:WebhookDelivery {id: $id})
WHERE d.leaseOwner = $owner
SET d.attempts = d.attempts + 1, d.status = $status, d.lastStatusCode = $statusCode, d.lastError = $error,
    d.lastAttemptAt = datetime(), d.leaseOwner = null,
    d.nextAttemptAt = CASE WHEN $nextAttemptAt IS NULL THEN datetime() ELSE datetime($nextAttemptAt) END,
    d.deliveredAt = CASE WHEN $status = 'DELIVERED' THEN datetime() ELSE null END
CREATE (a:WebhookAttempt {id: randomUUID(), deliveryId: d.id, webhookId: d.webhookId, eventType: d.eventType, attempt: d.attempts,
                          at: datetime(), statusCode: $statusCode, latencyMs: $latencyMs, error: $error, outcome: $status})
RETURN d.id AS id
