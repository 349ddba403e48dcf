// @name maintained/verify-roots
// @mode READ
// @param limit: int (most roots listed)
// Dataset versions to check impact from when verifying the counters, most read first.
MATCH (dv:DatasetVersion)
RETURN dv.id AS id
ORDER BY COUNT { (dv)<-[:READ]-() } DESC, dv.id
LIMIT $limit
