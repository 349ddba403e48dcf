// @name auth/token-by-id
// @mode READ
// @param id: string
MATCH (t:ApiToken {id: $id})
RETURN t.id AS id, t.name AS name, t.roles AS roles, t.createdBy AS createdBy, t.createdAt AS createdAt,
       t.expiresAt AS expiresAt, t.revokedAt AS revokedAt, t.revokedBy AS revokedBy
