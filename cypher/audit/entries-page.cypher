// @name audit/entries-page
// @mode READ
// @param after: integer
// @param limit: integer
// The chain in order, one page at a time (the unique index on seq gives the order).
MATCH (e:AuditEntry)
WHERE e.seq > toInteger($after)
RETURN e {.*} AS entry
ORDER BY e.seq
LIMIT toInteger($limit)
