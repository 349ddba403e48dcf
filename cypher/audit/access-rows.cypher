// @name audit/access-rows
// @mode READ
// @param after: integer
// @param upTo: integer
// @param limit: integer
// The AuditAccess index rows of the entries after..upTo (one page of the chain walk), so each
// entry's targetIds can be checked against the rows accessLog answers from.
MATCH (a:AuditAccess)
WHERE a.seq > toInteger($after) AND a.seq <= toInteger($upTo)
RETURN a.seq AS seq, a.targetId AS targetId
ORDER BY seq, targetId
LIMIT toInteger($limit)
