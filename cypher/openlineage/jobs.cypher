// @name openlineage/jobs
// @mode WRITE
// @param rows: list<{id, namespace, name, role, engine, codeRepo, description}>
// An OpenLineage job is a pipeline node; a job seen producing models becomes a TRAINING node.
// Every event of a job names it, so a job is shared by all its concurrent runs: MERGE on the
// unique id only reads an existing node, and the properties are set only when one changes
// (setting an unchanged value still takes the node's write lock, which every concurrent
// writer of this job would then wait for). Rows come sorted by id: one lock order for all.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (n:PipelineNode {id: row.id})
  ON CREATE SET n.name = row.name, n.namespace = row.namespace, n.role = row.role, n.source = 'openlineage', n.createdAt = datetime()
WITH n, {
  role: CASE WHEN n.role = 'ETL' AND row.role <> 'ETL' THEN row.role ELSE n.role END,
  engine: coalesce(row.engine, n.engine),
  codeRepo: coalesce(row.codeRepo, n.codeRepo),
  description: coalesce(row.description, n.description)
} AS next
WHERE any(key IN keys(next) WHERE next[key] IS NOT NULL AND coalesce(n[key] <> next[key], true))
SET n += next
