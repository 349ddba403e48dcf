// @name audit/append-if-head
// @mode WRITE
// @param headId: string
// @param expectSeq: integer
// @param expectHash: string | null
// @param seq: integer
// @param hash: string
// @param next: integer | null
// @param blockEnd: integer | null
// @param entries: list<{seq, id, kind, at, principalId, principalName, via, tokenId, action, operation, operationName, targetIds, clientIp, userAgent, requestId, details, approvalId, prevHash, alg, hash, chain, prevSeq}>
// The one-statement append: the entries were hashed against the head this instance remembers,
// so they are written only if the stored head is still that one (optimistic). Writing `_lock`
// first takes the head's write lock, so the seq and hash compared are the latest committed ones
// (Neo4j's documented guard against lost updates) and a concurrent append waits, then finds
// the head moved. No head, or a moved one: nothing is written and `appended` is 0.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
MATCH (h:AuditHead {id: $headId})
SET h._lock = true
WITH h, h.seq = toInteger($expectSeq) AND coalesce(h.hash, '') = coalesce($expectHash, '') AS current
REMOVE h._lock
WITH h, current
WHERE current
SET h.seq = toInteger($seq), h.hash = $hash, h.next = toInteger($next), h.blockEnd = toInteger($blockEnd)
WITH h
UNWIND $entries AS e
CREATE (x:AuditEntry {seq: toInteger(e.seq), id: e.id, kind: e.kind, at: e.at, hash: e.hash, targetIds: e.targetIds})
SET x.prevHash = e.prevHash, x.principalId = e.principalId, x.principalName = e.principalName, x.via = e.via,
    x.tokenId = e.tokenId, x.action = e.action, x.operation = e.operation, x.operationName = e.operationName,
    x.clientIp = e.clientIp, x.userAgent = e.userAgent, x.requestId = e.requestId, x.details = e.details,
    x.approvalId = e.approvalId, x.alg = e.alg, x.chain = e.chain, x.prevSeq = toInteger(e.prevSeq)
FOREACH (target IN e.targetIds | CREATE (:AuditAccess {targetId: target, seq: toInteger(e.seq)}))
RETURN count(x) AS appended
