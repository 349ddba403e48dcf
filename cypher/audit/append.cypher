// @name audit/append
// @mode WRITE
// @param headId: string
// @param seq: integer
// @param hash: string
// @param next: integer | null
// @param blockEnd: integer | null
// @param entries: list<{seq, id, kind, at, principalId, principalName, via, tokenId, action, operation, operationName, targetIds, clientIp, userAgent, requestId, details, approvalId, prevHash, alg, hash, chain, prevSeq}>
// Appends a run of chained entries (already hashed) and moves the head to the last one, in the
// transaction that holds the head's lock. One AuditAccess row per target backs accessLog.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
MATCH (h:AuditHead {id: $headId})
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
