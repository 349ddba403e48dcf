// @name webhooks/by-id
// @mode READ
// @param id: string
MATCH (w:Webhook {id: $id})
RETURN w.id AS id, w.url AS url, w.ionId AS ionId, w.eventTypes AS eventTypes, w.enabled AS enabled, w.description AS description,
       w.createdAt AS createdAt, w.createdBy AS createdBy, w.updatedAt AS updatedAt
