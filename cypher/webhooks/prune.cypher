// @name webhooks/prune
// @mode WRITE
// @param days: integer (retention of delivered items and of attempts)
// @param limit: integer (most of each removed per call)
// Keeps the outbox and the delivery log bounded: delivered items (their nextAttemptAt is the
// delivery time) and attempts older than the retention go, a batch at a time, each from its
// index. Dead letters stay until re-driven or their subscription is deleted.
CALL () {
  MATCH (d:WebhookDelivery)
  WHERE d.status = 'DELIVERED' AND d.nextAttemptAt < datetime() - duration({days: $days})
  WITH d LIMIT toInteger($limit)
  DETACH DELETE d
  RETURN count(*) AS deliveries
}
CALL () {
  MATCH (a:WebhookAttempt)
  WHERE a.at < datetime() - duration({days: $days})
  WITH a LIMIT toInteger($limit)
  DELETE a
  RETURN count(*) AS attempts
}
RETURN deliveries, attempts
