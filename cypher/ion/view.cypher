// @name ion/view
// @mode READ
// @param id: string
// An ION template: its level-2 graph (pipeline and policy nodes, SENDS edges) and its policy.
MATCH (ion:ION {id: $id})
RETURN ion { .id, .name, .version, .description, .policy, .createdAt } AS ion,
  COLLECT {
    MATCH (ion)-[:HAS_NODE]->(n:PipelineNode)
    RETURN n { .id, .name, .role, .engine, .codeRepo } ORDER BY n.id LIMIT 1000
  } AS nodes,
  COLLECT {
    MATCH (ion)-[:HAS_NODE]->(a:PipelineNode)-[s:SENDS]->(b:PipelineNode)
    RETURN { from: a.id, to: b.id, message: s.message } ORDER BY a.id, b.id, s.message LIMIT 5000
  } AS edges,
  COUNT { (ion)<-[:INSTANCE_OF]-(:IONInstance) } AS instanceCount
