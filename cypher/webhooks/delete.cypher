// @name webhooks/delete
// @mode WRITE
// @param id: string
// Removes the subscription once its deliveries and attempts are purged (webhooks/purge-*).
MATCH (w:Webhook {id: $id})
DETACH DELETE w
RETURN $id AS id
