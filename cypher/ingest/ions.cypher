// @name ingest/ions
// @mode WRITE
// @param rows: list<{id, name, version, description, definition, policy, nodes, edges, tags, hash}>
// An ION template and its level-2 graph: pipeline/policy nodes and the messages between them.
UNWIND $rows AS row
CREATE (ion:ION {
  id: row.id, name: row.name, version: row.version, description: row.description,
  definition: row.definition, policy: row.policy, tags: [tag IN row.tags | tag.key + '=' + tag.value], contentHash: row.hash, createdAt: datetime()
})
WITH ion, row
CALL (ion, row) {
  UNWIND row.nodes AS node
  CREATE (n:PipelineNode {id: node.id, name: node.name, role: node.role, engine: node.engine, codeRepo: node.codeRepo, createdAt: datetime()})
  CREATE (ion)-[:HAS_NODE]->(n)
}
CALL (row) {
  UNWIND row.edges AS edge
  MATCH (from:PipelineNode {id: edge.from}), (to:PipelineNode {id: edge.to})
  CREATE (from)-[:SENDS {message: edge.message}]->(to)
}
CALL (ion, row) {
  // Tags are shared nodes, one per key/value pair (merged under their unique id).
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  CREATE (ion)-[:TAGGED]->(t)
}
