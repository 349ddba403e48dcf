// @name openlineage/runs
// @mode WRITE
// @param rows: list<{id, jobId, kind, startedAt, earliest, endedAt, endStatus, latestAt, params, codeVersion, codeUrl, engine, engineVersion, nominalStartTime, producer}>
// Merges one folded row per run with the stored run, by rules that do not depend on arrival order:
// a START's time is the start (else the earliest event stands in until one arrives), the latest
// terminal event (COMPLETE, FAIL, ABORT) sets end and status, and a START or RUNNING never
// reopens an ended run. Facet values of the newest event that carries them win. A run that is a
// parent stands for an ION instance, which starts, ends and fails with it.
UNWIND $rows AS row
MATCH (node:PipelineNode {id: row.jobId})
MERGE (r:Run {id: row.id})
  ON CREATE SET r.kind = row.kind, r.status = 'RUNNING', r.source = 'openlineage', r.createdAt = datetime(), r.olStartSeen = false
WITH r, row, node, r.olLatestAt IS NULL OR datetime(row.latestAt) >= r.olLatestAt AS newer
SET r.startedAt = CASE
      WHEN row.startedAt IS NOT NULL AND (NOT r.olStartSeen OR datetime(row.startedAt) < r.startedAt) THEN datetime(row.startedAt)
      WHEN row.startedAt IS NULL AND NOT r.olStartSeen AND (r.startedAt IS NULL OR datetime(row.earliest) < r.startedAt) THEN datetime(row.earliest)
      ELSE r.startedAt END,
  r.olStartSeen = r.olStartSeen OR row.startedAt IS NOT NULL,
  r.status = CASE WHEN row.endedAt IS NOT NULL AND (r.endedAt IS NULL OR datetime(row.endedAt) >= r.endedAt) THEN row.endStatus ELSE r.status END,
  r.endedAt = CASE WHEN row.endedAt IS NOT NULL AND (r.endedAt IS NULL OR datetime(row.endedAt) >= r.endedAt) THEN datetime(row.endedAt) ELSE r.endedAt END,
  r.kind = CASE WHEN r.kind = 'ETL' AND row.kind <> 'ETL' THEN row.kind ELSE r.kind END,
  r.params = CASE WHEN newer THEN coalesce(row.params, r.params) ELSE coalesce(r.params, row.params) END,
  r.codeVersion = CASE WHEN newer THEN coalesce(row.codeVersion, r.codeVersion) ELSE coalesce(r.codeVersion, row.codeVersion) END,
  r.codeUrl = CASE WHEN newer THEN coalesce(row.codeUrl, r.codeUrl) ELSE coalesce(r.codeUrl, row.codeUrl) END,
  r.engine = CASE WHEN newer THEN coalesce(row.engine, r.engine) ELSE coalesce(r.engine, row.engine) END,
  r.engineVersion = CASE WHEN newer THEN coalesce(row.engineVersion, r.engineVersion) ELSE coalesce(r.engineVersion, row.engineVersion) END,
  r.nominalStartTime = CASE WHEN newer THEN coalesce(datetime(row.nominalStartTime), r.nominalStartTime) ELSE coalesce(r.nominalStartTime, datetime(row.nominalStartTime)) END,
  r.producer = CASE WHEN newer THEN coalesce(row.producer, r.producer) ELSE coalesce(r.producer, row.producer) END,
  r.olLatestAt = CASE WHEN newer THEN datetime(row.latestAt) ELSE r.olLatestAt END
MERGE (r)-[:OF_NODE]->(node)
WITH r
OPTIONAL MATCH (instance:IONInstance {id: 'ol-instance:' + r.id})
FOREACH (_ IN CASE WHEN instance IS NULL THEN [] ELSE [1] END |
  SET instance.startedAt = r.startedAt, instance.endedAt = r.endedAt, instance.status = r.status)
