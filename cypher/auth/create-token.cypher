// @name auth/create-token
// @mode WRITE
// @param id: string
// @param hash: string
// @param name: string
// @param roles: list<string>
// @param createdBy: string
// @param expiresAt: string?
// Only the SHA-256 of the token is stored; the plaintext is shown once to its creator.
CREATE (t:ApiToken {id: $id, hash: $hash, name: $name, roles: $roles, createdBy: $createdBy, createdAt: datetime()})
SET t.expiresAt = CASE WHEN $expiresAt IS NULL THEN null ELSE datetime($expiresAt) END
RETURN t.id AS id, t.name AS name, t.roles AS roles, t.createdBy AS createdBy, t.createdAt AS createdAt,
       t.expiresAt AS expiresAt, t.revokedAt AS revokedAt, t.revokedBy AS revokedBy
