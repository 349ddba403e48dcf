// Schema 8: outbound webhooks. Subscriptions are few (capped by the service); deliveries are
// the outbox, claimed by the dispatcher through (status, nextAttemptAt) and paged per
// subscription through (webhookId, createdAt); attempts form the delivery log, paged the same way.
CREATE CONSTRAINT webhook_id IF NOT EXISTS FOR (n:Webhook) REQUIRE n.id IS UNIQUE;
CREATE INDEX webhook_enabled IF NOT EXISTS FOR (n:Webhook) ON (n.enabled);
CREATE CONSTRAINT webhook_delivery_id IF NOT EXISTS FOR (n:WebhookDelivery) REQUIRE n.id IS UNIQUE;
CREATE INDEX webhook_delivery_due IF NOT EXISTS FOR (n:WebhookDelivery) ON (n.status, n.nextAttemptAt);
CREATE INDEX webhook_delivery_by_hook IF NOT EXISTS FOR (n:WebhookDelivery) ON (n.webhookId, n.createdAt);
CREATE CONSTRAINT webhook_attempt_id IF NOT EXISTS FOR (n:WebhookAttempt) REQUIRE n.id IS UNIQUE;
CREATE INDEX webhook_attempt_by_hook IF NOT EXISTS FOR (n:WebhookAttempt) ON (n.webhookId, n.at);
// Retention removes attempts past a cut-off across subscriptions.
CREATE INDEX webhook_attempt_at IF NOT EXISTS FOR (n:WebhookAttempt) ON (n.at);
