// @name ion/timeline
// @mode READ
// @param ionId: string
// @param from: string (ISO date-time, inclusive)
// @param to: string (ISO date-time, exclusive)
// @param limit: int (most items per list and node; the service asks for one more to flag truncation)
// Per pipeline node of an ION, in time order within [from, to): its runs, the model versions
// its training runs produced, and the events seen during its runs.
// Times are compared as epoch millis on purpose: with plain ranges the planner may start from the
// Run/ModelVersion/Event time indexes (seen right after a bulk load, with fresh statistics, as a
// 30 s query that ran out of transaction memory); expanding from each pipeline node is bounded.
MATCH (:ION {id: $ionId})-[:HAS_NODE]->(n:PipelineNode)
WITH n, datetime($from).epochMillis AS since, datetime($to).epochMillis AS until
RETURN n { .id, .name, .role, .engine } AS node,
  COLLECT {
    MATCH (n)<-[:OF_NODE]-(r:Run)
    WHERE since <= r.startedAt.epochMillis < until
    RETURN r {
      .id, .kind, .status, .startedAt, .endedAt, .searchGroupId,
      instanceId: COLLECT { MATCH (r)-[:IN_INSTANCE]->(i:IONInstance) RETURN i.id LIMIT 1 }[0]
    } ORDER BY r.startedAt, r.id LIMIT $limit
  } AS runs,
  COLLECT {
    MATCH (n)<-[:OF_NODE]-(r:Run)-[:PRODUCED]->(mv:ModelVersion)
    WHERE since <= mv.createdAt.epochMillis < until
    RETURN { id: mv.id, name: mv.name, status: mv.status, createdAt: mv.createdAt, runId: r.id }
    ORDER BY mv.createdAt, mv.id LIMIT $limit
  } AS models,
  COLLECT {
    MATCH (n)<-[:OF_NODE]-(r:Run)<-[:DURING]-(e:Event)
    WHERE since <= e.at.epochMillis < until
    RETURN { id: e.id, type: e.type, at: e.at, message: e.message, runId: r.id }
    ORDER BY e.at, e.id LIMIT $limit
  } AS events
ORDER BY n.id
