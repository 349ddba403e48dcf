// @name ion/instances
// @mode READ
// @param ionId: string
// @param beforeAt: string (ISO date-time of the cursor; far future for the first page)
// @param beforeId: string
// @param limit: int
// One page of an ION's instances, newest first, each with its number of runs (degree count).
MATCH (:ION {id: $ionId})<-[:INSTANCE_OF]-(i:IONInstance)
WHERE i.startedAt <= datetime($beforeAt)
  AND (i.startedAt < datetime($beforeAt) OR i.id < $beforeId)
RETURN i.id AS id, i.startedAt AS startedAt, i.endedAt AS endedAt, i.status AS status,
  COUNT { (i)<-[:IN_INSTANCE]-() } AS runCount
ORDER BY startedAt DESC, id DESC
LIMIT $limit
