// @name auth/revoke-token
// @mode WRITE
// @param id: string
// @param revokedBy: string
// Revoking twice keeps the first revocation's time and author. Every revocation bumps the
// epoch that tells the other service instances to drop their token caches.
MATCH (t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, datetime()), t.revokedBy = coalesce(t.revokedBy, $revokedBy)
WITH t
MERGE (e:AuthEpoch {id: 'api-token-revocations'})
SET e.epoch = coalesce(e.epoch, 0) + 1
RETURN t.id AS id, t.name AS name, t.roles AS roles, t.createdBy AS createdBy, t.createdAt AS createdAt,
       t.expiresAt AS expiresAt, t.revokedAt AS revokedAt, t.revokedBy AS revokedBy
