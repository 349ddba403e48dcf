// @name webhooks/create
// @mode WRITE
// @param id: string
// @param url: string
// @param ionId: string?
// @param eventTypes: list<string>
// @param description: string?
// @param secretCipher: string (the signing secret, encrypted by the service; never returned)
// @param createdBy: string
// @param max: integer (most subscriptions allowed; nothing is created beyond it)
// A subscription, unless the cap is reached (the count comes from the count store).
CALL () { MATCH (any:Webhook) RETURN count(any) AS existing }
WITH existing WHERE existing < $max
CREATE (w:Webhook {id: $id, url: $url, ionId: $ionId, eventTypes: $eventTypes, enabled: true, description: $description,
                   secretCipher: $secretCipher, createdBy: $createdBy, createdAt: datetime()})
RETURN w.id AS id, w.url AS url, w.ionId AS ionId, w.eventTypes AS eventTypes, w.enabled AS enabled, w.description AS description,
       w.createdAt AS createdAt, w.createdBy AS createdBy, w.updatedAt AS updatedAt
