// @name webhooks/claim
// @mode WRITE
// @param owner: string (this dispatcher's id)
// @param leaseMs: integer (how long the claim holds; past it another dispatcher may take the item)
// @param limit: integer
// Claims due outbox items, oldest first, from the (status, nextAttemptAt) index. Writing
// _claim first takes each item's write lock, so the lease is checked again against the latest
// committed value: two dispatchers racing for one item cannot both claim it.
MATCH (d:WebhookDelivery)
WHERE d.status = 'PENDING' AND d.nextAttemptAt <= datetime()
WITH d ORDER BY d.nextAttemptAt, d.createdAt LIMIT toInteger($limit)
SET d._claim = true
WITH d WHERE d.status = 'PENDING' AND (d.leaseUntil IS NULL OR d.leaseUntil <= datetime())
SET d.leaseOwner = $owner, d.leaseUntil = datetime() + duration({milliseconds: $leaseMs})
REMOVE d._claim
WITH d
MATCH (d)-[:FOR_WEBHOOK]->(w:Webhook)
RETURN d {.id, .webhookId, .eventId, .eventType, .status, .attempts, .occurredAt, .createdAt, .nextAttemptAt, .deliveredAt, .lastAttemptAt,
          .lastStatusCode, .lastError, .ionId, .subjectType, .subjectId, .modelVersionId, .runId, .pipelineNodeId, .principalId,
          .detail, .previousModelVersionId, .policy} AS delivery, w.url AS url, w.enabled AS enabled, w.secretCipher AS secretCipher
