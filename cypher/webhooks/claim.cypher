// @name webhooks/claim
// @mode WRITE
// @param owner: string (this dispatcher's id)
// @param leaseMs: integer (how long the claim holds; past it another dispatcher may take the item)
// @param limit: integer
// Claims due outbox items, oldest first, from the (status, nextAttemptAt) index. The claim is
// a lease: nextAttemptAt moves to its end, so the item is out of every dispatcher's range until
// it is recorded or the lease runs out (a crashed owner). Writing _claim first takes each
// item's write lock (held to the end of the transaction), so the due check runs again on the
// latest committed value: two dispatchers racing for one item cannot both claim it.
MATCH (d:WebhookDelivery)
WHERE d.status = 'PENDING' AND d.nextAttemptAt <= datetime()
WITH d ORDER BY d.nextAttemptAt, d.createdAt LIMIT toInteger($limit)
SET d._claim = true
REMOVE d._claim
WITH d WHERE d.status = 'PENDING' AND d.nextAttemptAt <= datetime()
SET d.leaseOwner = $owner, d.nextAttemptAt = datetime() + duration({milliseconds: $leaseMs})
WITH d
MATCH (d)-[:FOR_WEBHOOK]->(w:Webhook)
RETURN d {.id, .webhookId, .eventId, .eventType, .status, .attempts, .occurredAt, .createdAt, .nextAttemptAt, .deliveredAt, .lastAttemptAt,
          .lastStatusCode, .lastError, .ionId, .subjectType, .subjectId, .modelVersionId, .runId, .pipelineNodeId, .principalId,
          .detail, .previousModelVersionId, .policy} AS delivery, w.url AS url, w.enabled AS enabled, w.secretCipher AS secretCipher
