// @name drift/serving-nodes
// @mode READ
// @param ionId: string
// The inference and control pipeline nodes of an ION: the ones whose predictions are monitored.
MATCH (:ION {id: $ionId})-[:HAS_NODE]->(n:PipelineNode)
WHERE n.role IN ['INFERENCE', 'CONTROL']
RETURN n.id AS id, n.name AS name, n.role AS role
ORDER BY n.id
LIMIT 100
