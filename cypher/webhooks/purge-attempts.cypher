// @name webhooks/purge-attempts
// @mode WRITE
// @param webhookId: string
// @param limit: integer
// One batch of a deleted subscription's delivery log, from the (webhookId, at) index.
MATCH (a:WebhookAttempt)
WHERE a.webhookId = $webhookId AND a.at IS NOT NULL
WITH a LIMIT toInteger($limit)
DELETE a
RETURN count(*) AS deleted
