// @name webhooks/update
// @mode WRITE
// @param id: string
// @param url: string? (null: unchanged)
// @param ionId: string? (null: unchanged)
// @param global: boolean (true: deliver for every ION, i.e. clear ionId)
// @param eventTypes: list<string>? (null: unchanged)
// @param enabled: boolean? (null: unchanged)
// @param description: string? (null: unchanged)
MATCH (w:Webhook {id: $id})
SET w.url = coalesce($url, w.url),
    w.ionId = CASE WHEN $global THEN null ELSE coalesce($ionId, w.ionId) END,
    w.eventTypes = coalesce($eventTypes, w.eventTypes),
    w.enabled = coalesce($enabled, w.enabled),
    w.description = coalesce($description, w.description),
    w.updatedAt = datetime()
RETURN w.id AS id, w.url AS url, w.ionId AS ionId, w.eventTypes AS eventTypes, w.enabled AS enabled, w.description AS description,
       w.createdAt AS createdAt, w.createdBy AS createdBy, w.updatedAt AS updatedAt
