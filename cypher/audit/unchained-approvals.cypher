// @name audit/unchained-approvals
// @mode READ
// @param limit: integer
// Approvals written without passing through the chain (the demo loader, a crash between the
// ingest and its audit entry): the start-up sweep appends them.
MATCH (a:Approval)
WHERE NOT EXISTS { MATCH (e:AuditEntry {approvalId: a.id}) }
RETURN a.id AS id
ORDER BY a.at, a.id
LIMIT toInteger($limit)
