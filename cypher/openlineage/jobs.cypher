// @name openlineage/jobs
// @mode WRITE
// @param rows: list<{id, namespace, name, role, engine, codeRepo, description}>
// An OpenLineage job is a pipeline node; a job seen producing models becomes a TRAINING node.
UNWIND $rows AS row
MERGE (n:PipelineNode {id: row.id})
  ON CREATE SET n.name = row.name, n.namespace = row.namespace, n.role = row.role, n.source = 'openlineage', n.createdAt = datetime()
SET n.role = CASE WHEN n.role = 'ETL' AND row.role <> 'ETL' THEN row.role ELSE n.role END,
  n.engine = coalesce(row.engine, n.engine),
  n.codeRepo = coalesce(row.codeRepo, n.codeRepo),
  n.description = coalesce(row.description, n.description)
