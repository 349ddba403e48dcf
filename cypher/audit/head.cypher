// @name audit/head
// @mode READ
// @param headId: string
MATCH (h:AuditHead {id: $headId})
RETURN h.seq AS seq, h.hash AS hash
