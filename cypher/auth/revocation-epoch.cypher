// @name auth/revocation-epoch
// @mode READ
// How many revocations the graph has seen: an instance whose token cache is older than a change
// of this number drops it. One unique-index seek.
OPTIONAL MATCH (e:AuthEpoch {id: 'api-token-revocations'})
RETURN coalesce(e.epoch, 0) AS epoch
