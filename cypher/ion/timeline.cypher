// @name ion/timeline
// @mode READ
// @param ionId: string
// @param from: string (ISO date-time, inclusive)
// @param to: string (ISO date-time, exclusive)
// @param limit: int (most items per list and node; the service asks for one more to flag truncation)
// Per pipeline node of an ION, in time order within [from, to): its runs, the model versions
// its training runs produced, and the events seen during its runs.
MATCH (:ION {id: $ionId})-[:HAS_NODE]->(n:PipelineNode)
WITH n, datetime($from) AS since, datetime($to) AS until
RETURN n { .id, .name, .role, .engine } AS node,
  COLLECT {
    MATCH (n)<-[:OF_NODE]-(r:Run)
    WHERE r.startedAt >= since AND r.startedAt < until
    RETURN r {
      .id, .kind, .status, .startedAt, .endedAt, .searchGroupId,
      instanceId: COLLECT { MATCH (r)-[:IN_INSTANCE]->(i:IONInstance) RETURN i.id LIMIT 1 }[0]
    } ORDER BY r.startedAt, r.id LIMIT $limit
  } AS runs,
  COLLECT {
    MATCH (n)<-[:OF_NODE]-(r:Run)-[:PRODUCED]->(mv:ModelVersion)
    WHERE mv.createdAt >= since AND mv.createdAt < until
    RETURN { id: mv.id, name: mv.name, status: mv.status, createdAt: mv.createdAt, runId: r.id }
    ORDER BY mv.createdAt, mv.id LIMIT $limit
  } AS models,
  COLLECT {
    MATCH (n)<-[:OF_NODE]-(r:Run)<-[:DURING]-(e:Event)
    WHERE e.at >= since AND e.at < until
    RETURN { id: e.id, type: e.type, at: e.at, message: e.message, runId: r.id }
    ORDER BY e.at, e.id LIMIT $limit
  } AS events
ORDER BY n.id
