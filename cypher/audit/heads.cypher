// @name audit/heads
// @mode READ
// @param limit: integer
// Every chain's head (the default chain `audit` and one per service instance), for verification.
MATCH (h:AuditHead)
WHERE h.id IS NOT NULL
RETURN h.id AS id, h.seq AS seq, h.hash AS hash
ORDER BY id
LIMIT toInteger($limit)
