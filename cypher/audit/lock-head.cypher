// @name audit/lock-head
// @mode WRITE
// @param headId: string
// The first statement of every append: writing the head takes its write lock, so appends to
// one chain are serialized; seq and hash are read after the lock, hence the latest ones. An
// instance chain's head also holds the rest of its reserved seq block (next..blockEnd).
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
MERGE (h:AuditHead {id: $headId})
ON CREATE SET h.seq = 0
SET h.lockedAt = datetime()
RETURN h.seq AS seq, h.hash AS hash, h.next AS next, h.blockEnd AS blockEnd
