// @name audit/approvals
// @mode READ
// @param ids: list<string>
// The content of approvals as the chain records it, and whether one is chained already. Every
// part is optional so an approval whose edges were removed still comes back (and fails checks).
UNWIND $ids AS approvalId
OPTIONAL MATCH (a:Approval {id: approvalId})
OPTIONAL MATCH (who:Principal)-[:DECIDED]->(a)
OPTIONAL MATCH (a)-[:REVIEWS]->(mv:ModelVersion)
OPTIONAL MATCH (a)-[:FOR_ION]->(ion:ION)
OPTIONAL MATCH (a)-[:BY_RUN]->(run:Run)
RETURN approvalId AS id, a IS NOT NULL AS found, a.decision AS decision, a.at AS at, a.comment AS comment,
       a.contentHash AS contentHash, mv.id AS modelVersionId, ion.id AS ionId, who.id AS principalId,
       run.id AS policyRunId, EXISTS { MATCH (e:AuditEntry {approvalId: approvalId}) } AS chained
