// @name auth/list-tokens
// @mode READ
// @param limit: integer
// Newest first, from the createdAt index.
MATCH (t:ApiToken)
WHERE t.createdAt IS NOT NULL
RETURN t.id AS id, t.name AS name, t.roles AS roles, t.createdBy AS createdBy, t.createdAt AS createdAt,
       t.expiresAt AS expiresAt, t.revokedAt AS revokedAt, t.revokedBy AS revokedBy
ORDER BY t.createdAt DESC
LIMIT toInteger($limit)
