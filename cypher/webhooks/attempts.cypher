// @name webhooks/attempts
// @mode READ
// @param webhookId: string
// @param before: string? (page cursor: `at` of the last attempt of the previous page)
// @param limit: integer
// A subscription's delivery log, newest first, from the (webhookId, at) index.
MATCH (a:WebhookAttempt)
WHERE a.webhookId = $webhookId AND a.at < coalesce(datetime($before), datetime('9999-12-31T00:00:00Z'))
WITH a ORDER BY a.at DESC LIMIT toInteger($limit)
RETURN a.id AS id, a.deliveryId AS deliveryId, a.eventType AS eventType, a.attempt AS attempt, a.at AS at,
       a.statusCode AS statusCode, a.latencyMs AS latencyMs, a.error AS error, a.outcome AS outcome
