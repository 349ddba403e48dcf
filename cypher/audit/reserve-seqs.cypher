// @name audit/reserve-seqs
// @mode WRITE
// @param size: integer
// Reserves a block of `size` seqs for one instance chain. Instance chains number from 2^40, far
// above the default chain's 1, 2, 3…, so both can be written side by side. Writing the counter
// first takes its lock, so `next` is read after it: blocks never overlap. One short lock per
// block (1,000 entries), instead of one per append on a shared head.
MERGE (c:AuditSeqBlock {id: 'audit'})
ON CREATE SET c.next = 1099511627776
SET c.lockedAt = datetime()
WITH c, c.next AS start
SET c.next = start + toInteger($size)
RETURN start
