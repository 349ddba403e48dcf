// @name webhooks/list
// @mode READ
// @param limit: integer
// Subscriptions are capped by the service, so this reads them all (oldest first).
MATCH (w:Webhook)
WITH w ORDER BY w.createdAt, w.id LIMIT toInteger($limit)
RETURN w.id AS id, w.url AS url, w.ionId AS ionId, w.eventTypes AS eventTypes, w.enabled AS enabled, w.description AS description,
       w.createdAt AS createdAt, w.createdBy AS createdBy, w.updatedAt AS updatedAt
