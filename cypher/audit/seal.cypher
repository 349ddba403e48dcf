// @name audit/seal
// @mode READ
// The seal entries (normally at most one): the keyed entry that closes a legacy unkeyed prefix.
MATCH (e:AuditEntry {kind: 'seal'})
RETURN e {.*} AS entry
ORDER BY e.seq
LIMIT 10
