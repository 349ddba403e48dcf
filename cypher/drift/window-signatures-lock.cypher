// @name drift/window-signatures-lock
// @mode WRITE
// @param rows: list<{id, runId}>
// The window signatures (one per run, every feature inside) a batch of predictions updates,
// created when new and write-locked (the SET) before their stored state is returned, so
// concurrent batches of one run merge in turn instead of overwriting each other. Rows come
// sorted by id, so locks are taken in one order.
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})-[:OF_NODE]->(node:PipelineNode)
MERGE (s:Signature {id: row.id})
  ON CREATE SET s.scope = 'WINDOW', s.runId = row.runId, s.pipelineNodeId = node.id, s.windowStart = run.startedAt,
    s.features = '{}', s.createdAt = datetime()
  ON MATCH SET s.updatedAt = datetime()
WITH run, s
CALL (run, s) {
  WITH run, s WHERE NOT EXISTS { (run)-[:HAS_SIGNATURE]->(s) }
  CREATE (run)-[:HAS_SIGNATURE]->(s)
}
RETURN s.id AS id, s.features AS features
