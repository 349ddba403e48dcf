// @name ion/timeline-approvals
// @mode READ
// @param ionId: string
// @param from: string (ISO date-time, inclusive)
// @param to: string (ISO date-time, exclusive)
// @param limit: int
// Decisions recorded for an ION within [from, to), with the policy node that recorded them.
// Epoch millis on purpose: start from the ION and its decisions, never from the Approval(at) index.
MATCH (:ION {id: $ionId})<-[:FOR_ION]-(a:Approval)
WHERE datetime($from).epochMillis <= a.at.epochMillis < datetime($to).epochMillis
MATCH (a)-[:REVIEWS]->(mv:ModelVersion)
RETURN a.id AS id, a.decision AS decision, a.at AS at, a.comment AS comment,
  mv.id AS modelVersionId, mv.name AS modelVersionName,
  COLLECT { MATCH (a)<-[:DECIDED]-(p:Principal) RETURN p { .id, .name, .kind } LIMIT 1 }[0] AS reviewer,
  COLLECT { MATCH (a)-[:BY_RUN]->(r:Run) RETURN r.id LIMIT 1 }[0] AS policyRunId,
  COLLECT { MATCH (a)-[:BY_RUN]->(:Run)-[:OF_NODE]->(n:PipelineNode) RETURN n.id LIMIT 1 }[0] AS pipelineNodeId
ORDER BY at, id
LIMIT $limit
