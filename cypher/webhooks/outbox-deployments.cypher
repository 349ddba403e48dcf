// @name webhooks/outbox-deployments
// @mode WRITE
// @param rows: list<{id, ...}> (the deployment rows just written by ingest/deployments)
// In the ingest transaction: a deployment; a roll-back when this version served the same node
// in the same role before and the deployment just before this one was of another version; and
// an UNAPPROVED_DEPLOYMENT compliance violation when no approval for the node's ION exists.
UNWIND $rows AS row
MATCH (d:Deployment {id: row.id})-[:DEPLOYS]->(mv:ModelVersion), (d)-[:TO_NODE]->(node:PipelineNode)
OPTIONAL MATCH (node)<-[:HAS_NODE]-(ion:ION)
CALL (d, node) {
  OPTIONAL MATCH (prev:Deployment)-[:TO_NODE]->(node)
  WHERE prev.role = d.role AND prev.from < d.from
  WITH prev ORDER BY prev.from DESC LIMIT 1
  OPTIONAL MATCH (prev)-[:DEPLOYS]->(previous:ModelVersion)
  RETURN previous
}
WITH d, mv, node, ion, previous,
     previous IS NOT NULL AND previous <> mv
       AND EXISTS { MATCH (older:Deployment)-[:DEPLOYS]->(mv) WHERE (older)-[:TO_NODE]->(node) AND older.role = d.role AND older.from < d.from } AS rolledBack,
     ion IS NOT NULL AND NOT EXISTS { MATCH (mv)<-[:REVIEWS]-(:Approval {decision: 'APPROVED'})-[:FOR_ION]->(ion) } AS unapproved
WITH [{eventType: 'MODEL_VERSION_DEPLOYED', eventId: 'model_version.deployed:' + d.id, occurredAt: d.from, ionId: ion.id, subjectType: 'Deployment',
       subjectId: d.id, modelVersionId: mv.id, pipelineNodeId: node.id, detail: d.role, previousModelVersionId: previous.id}]
   + CASE WHEN rolledBack THEN [{eventType: 'MODEL_VERSION_ROLLED_BACK', eventId: 'model_version.rolled_back:' + d.id, occurredAt: d.from, ionId: ion.id,
       subjectType: 'Deployment', subjectId: d.id, modelVersionId: mv.id, pipelineNodeId: node.id, detail: d.role, previousModelVersionId: previous.id}] ELSE [] END
   + CASE WHEN unapproved THEN [{eventType: 'COMPLIANCE_VIOLATION', eventId: 'compliance.violation:UNAPPROVED_DEPLOYMENT:' + d.id, occurredAt: d.from,
       ionId: ion.id, subjectType: 'Deployment', subjectId: d.id, modelVersionId: mv.id, pipelineNodeId: node.id, policy: 'UNAPPROVED_DEPLOYMENT'}] ELSE [] END AS events
// Fan-out: one outbox delivery per enabled subscription that wants this event type and ION.
// Subscriptions are few (capped by the service) and found through the enabled index.
UNWIND events AS ev
MATCH (w:Webhook {enabled: true})
WHERE ev.eventType IN w.eventTypes AND (w.ionId IS NULL OR w.ionId = ev.ionId)
CREATE (x:WebhookDelivery)-[:FOR_WEBHOOK]->(w)
SET x = ev
SET x.id = randomUUID(), x.webhookId = w.id, x.status = 'PENDING', x.attempts = 0, x.nextAttemptAt = datetime(), x.createdAt = datetime()
