// @name drift/window-signatures-lock
// @mode WRITE
// @param rows: list<{id, runId, feature, kind}>
// The window signatures a batch of predictions updates, created when new and write-locked (the
// SET) before their stored state is returned, so concurrent batches of one run merge in turn
// instead of overwriting each other. Rows come sorted by id, so locks are taken in one order.
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})-[:OF_NODE]->(node:PipelineNode)
MERGE (s:Signature {id: row.id})
  ON CREATE SET s.scope = 'WINDOW', s.runId = row.runId, s.pipelineNodeId = node.id, s.windowStart = run.startedAt,
    s.feature = row.feature, s.kind = row.kind, s.rows = 0, s.count = 0, s.createdAt = datetime()
MERGE (run)-[:HAS_SIGNATURE]->(s)
SET s.updatedAt = datetime()
RETURN s.id AS id, s.feature AS feature, s.kind AS kind, s.rows AS rows, s.count AS count, s.min AS min, s.max AS max,
  s.sketch AS sketch, s.categories AS categories
