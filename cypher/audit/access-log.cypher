// @name audit/access-log
// @mode READ
// @param targetId: string
// @param before: integer
// @param limit: integer
// Who touched one target, newest first: a range over the (targetId, seq) index, then one
// seek per entry. The hint keeps the planner off the seq-only index (verification's), which it
// may prefer on a small log, and off label scans.
MATCH (a:AuditAccess)
USING INDEX a:AuditAccess(targetId, seq)
WHERE a.targetId = $targetId AND a.seq < toInteger($before)
WITH a
ORDER BY a.seq DESC
LIMIT toInteger($limit)
MATCH (e:AuditEntry {seq: a.seq})
RETURN e {.*} AS entry
ORDER BY e.seq DESC
