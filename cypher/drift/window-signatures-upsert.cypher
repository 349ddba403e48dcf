// @name drift/window-signatures-upsert
// @mode WRITE
// @param rows: list<{id, runId, features}>
// The window signatures (one per run, every feature inside) a batch of predictions updates.
// A new one is created with the batch's own `features` (JSON), linked to its run, and is done.
// An existing one is write-locked (the SET) and returned with its stored state, so the caller
// merges the batch into it (drift/signatures-write) and concurrent batches of one run merge in
// turn instead of overwriting each other. Only existing ones have `updatedAt`, set here. Rows
// come sorted by id, so locks are taken in one order.
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})-[:OF_NODE]->(node:PipelineNode)
MERGE (s:Signature {id: row.id})
  ON CREATE SET s.scope = 'WINDOW', s.runId = row.runId, s.pipelineNodeId = node.id, s.windowStart = run.startedAt,
    s.features = row.features, s.createdAt = datetime()
  ON MATCH SET s.updatedAt = datetime()
MERGE (run)-[:HAS_SIGNATURE]->(s)
WITH s WHERE s.updatedAt IS NOT NULL
RETURN s.id AS id, s.features AS features
