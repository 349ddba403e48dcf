// @name openlineage/stored-events
// @mode READ
// @param afterTime: string
// @param afterId: string
// @param limit: integer
// One page of the stored raw events in event-time order (then id), after the cursor, for
// rebuilding: inputs without a version link to what upstream runs produced before them.
MATCH (e:OpenLineageEvent)
WHERE e.eventTime >= datetime($afterTime)
WITH e WHERE e.eventTime > datetime($afterTime) OR e.id > $afterId
RETURN e.id AS id, e.body AS body, toString(e.eventTime) AS eventTime
ORDER BY e.eventTime, e.id
LIMIT $limit
