// @name auth/token-by-hash
// @mode READ
// @param hash: string
// The authentication lookup: one seek in the unique index on ApiToken.hash.
MATCH (t:ApiToken {hash: $hash})
RETURN t.id AS id, t.name AS name, t.roles AS roles, t.createdBy AS createdBy, t.createdAt AS createdAt,
       t.expiresAt AS expiresAt, t.revokedAt AS revokedAt, t.revokedBy AS revokedBy
