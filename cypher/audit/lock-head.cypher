// @name audit/lock-head
// @mode WRITE
// @param headId: string
// The first statement of every append: writing the head takes its write lock, so appends from
// every process are serialized; seq and hash are read after the lock, hence the latest ones.
MERGE (h:AuditHead {id: $headId})
ON CREATE SET h.seq = 0
SET h.lockedAt = datetime()
RETURN h.seq AS seq, h.hash AS hash
