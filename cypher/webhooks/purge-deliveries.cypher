// @name webhooks/purge-deliveries
// @mode WRITE
// @param webhookId: string
// @param limit: integer
// One batch of a deleted subscription's outbox, from the (webhookId, createdAt) index.
MATCH (d:WebhookDelivery)
WHERE d.webhookId = $webhookId AND d.createdAt IS NOT NULL
WITH d LIMIT toInteger($limit)
DETACH DELETE d
RETURN count(*) AS deleted
