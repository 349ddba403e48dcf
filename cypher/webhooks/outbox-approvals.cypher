// @name webhooks/outbox-approvals
// @mode WRITE
// @param rows: list<{id, decision, ...}> (the approval rows just written by ingest/approvals)
// In the ingest transaction: a decision on a model version for an ION (approved or rejected),
// and, when the approver also triggered the training run, a SELF_APPROVAL compliance violation.
UNWIND $rows AS row
MATCH (who:Principal)-[:DECIDED]->(a:Approval {id: row.id})-[:REVIEWS]->(mv:ModelVersion), (a)-[:FOR_ION]->(ion:ION)
WITH a, mv, ion, who,
     a.decision = 'APPROVED' AND EXISTS { MATCH (mv)<-[:PRODUCED]-(:Run)-[:TRIGGERED_BY]->(who) } AS selfApproved
WITH [{eventType: 'MODEL_VERSION_' + a.decision, eventId: 'model_version.' + toLower(a.decision) + ':' + a.id, occurredAt: a.at,
       ionId: ion.id, subjectType: 'Approval', subjectId: a.id, modelVersionId: mv.id, principalId: who.id, detail: a.decision}]
   + CASE WHEN selfApproved THEN [{eventType: 'COMPLIANCE_VIOLATION', eventId: 'compliance.violation:SELF_APPROVAL:' + a.id, occurredAt: a.at,
       ionId: ion.id, subjectType: 'Approval', subjectId: a.id, modelVersionId: mv.id, principalId: who.id, policy: 'SELF_APPROVAL'}] ELSE [] END AS events
// Fan-out: one outbox delivery per enabled subscription that wants this event type and ION.
// Subscriptions are few (capped by the service) and found through the enabled index.
UNWIND events AS ev
MATCH (w:Webhook {enabled: true})
WHERE ev.eventType IN w.eventTypes AND (w.ionId IS NULL OR w.ionId = ev.ionId)
CREATE (x:WebhookDelivery)-[:FOR_WEBHOOK]->(w)
SET x = ev
SET x.id = randomUUID(), x.webhookId = w.id, x.status = 'PENDING', x.attempts = 0, x.nextAttemptAt = datetime(), x.createdAt = datetime()
