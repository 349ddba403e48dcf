// @name audit/access-log
// @mode READ
// @param targetId: string
// @param before: integer
// @param limit: integer
// Who touched one target, newest first: a range over the (targetId, seq) index, then one
// seek per entry.
MATCH (a:AuditAccess)
WHERE a.targetId = $targetId AND a.seq < toInteger($before)
WITH a
ORDER BY a.seq DESC
LIMIT toInteger($limit)
MATCH (e:AuditEntry {seq: a.seq})
RETURN e {.*} AS entry
ORDER BY e.seq DESC
