// @name openlineage/runs
// @mode WRITE
// @param rows: list<{id, jobId, kind, startedAt, earliest, endedAt, endStatus, latestAt, params, codeVersion, codeUrl, engine, engineVersion, nominalStartTime, producer}>
// Merges one folded row per run with the stored run, by rules that do not depend on arrival order:
// a START's time is the start (else the earliest event stands in until one arrives), the latest
// terminal event (COMPLETE, FAIL, ABORT) sets end and status, and a START or RUNNING never
// reopens an ended run. Facet values of the newest event that carries them win. A run that is a
// parent stands for an ION instance, which starts, ends and fails with it. Every child's event
// names its parent run: the run and its instance are written only when a value changes, since
// setting an unchanged one still takes the write lock all the siblings would wait for.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (node:PipelineNode {id: row.jobId})
MERGE (r:Run {id: row.id})
  ON CREATE SET r.kind = row.kind, r.status = 'RUNNING', r.source = 'openlineage', r.createdAt = datetime(), r.olStartSeen = false
WITH r, row, node, r.olLatestAt IS NULL OR datetime(row.latestAt) >= r.olLatestAt AS newer,
  row.endedAt IS NOT NULL AND (r.endedAt IS NULL OR datetime(row.endedAt) >= r.endedAt) AS ends
WITH r, node, {
  startedAt: CASE
      WHEN row.startedAt IS NOT NULL AND (NOT r.olStartSeen OR datetime(row.startedAt) < r.startedAt) THEN datetime(row.startedAt)
      WHEN row.startedAt IS NULL AND NOT r.olStartSeen AND (r.startedAt IS NULL OR datetime(row.earliest) < r.startedAt) THEN datetime(row.earliest)
      ELSE r.startedAt END,
  olStartSeen: r.olStartSeen OR row.startedAt IS NOT NULL,
  status: CASE WHEN ends THEN row.endStatus ELSE r.status END,
  endedAt: CASE WHEN ends THEN datetime(row.endedAt) ELSE r.endedAt END,
  kind: CASE WHEN r.kind = 'ETL' AND row.kind <> 'ETL' THEN row.kind ELSE r.kind END,
  params: CASE WHEN newer THEN coalesce(row.params, r.params) ELSE coalesce(r.params, row.params) END,
  codeVersion: CASE WHEN newer THEN coalesce(row.codeVersion, r.codeVersion) ELSE coalesce(r.codeVersion, row.codeVersion) END,
  codeUrl: CASE WHEN newer THEN coalesce(row.codeUrl, r.codeUrl) ELSE coalesce(r.codeUrl, row.codeUrl) END,
  engine: CASE WHEN newer THEN coalesce(row.engine, r.engine) ELSE coalesce(r.engine, row.engine) END,
  engineVersion: CASE WHEN newer THEN coalesce(row.engineVersion, r.engineVersion) ELSE coalesce(r.engineVersion, row.engineVersion) END,
  nominalStartTime: CASE WHEN newer THEN coalesce(datetime(row.nominalStartTime), r.nominalStartTime) ELSE coalesce(r.nominalStartTime, datetime(row.nominalStartTime)) END,
  producer: CASE WHEN newer THEN coalesce(row.producer, r.producer) ELSE coalesce(r.producer, row.producer) END,
  olLatestAt: CASE WHEN newer THEN datetime(row.latestAt) ELSE r.olLatestAt END
} AS next
CALL (r, next) {
  WITH r, next WHERE any(key IN keys(next) WHERE coalesce(r[key] <> next[key], r[key] IS NULL <> next[key] IS NULL))
  SET r += next
}
MERGE (r)-[:OF_NODE]->(node)
WITH r
OPTIONAL MATCH (instance:IONInstance {id: 'ol-instance:' + r.id})
FOREACH (_ IN CASE WHEN instance IS NOT NULL AND (
      coalesce(instance.startedAt <> r.startedAt, instance.startedAt IS NULL <> r.startedAt IS NULL)
      OR coalesce(instance.endedAt <> r.endedAt, instance.endedAt IS NULL <> r.endedAt IS NULL)
      OR coalesce(instance.status <> r.status, instance.status IS NULL <> r.status IS NULL)) THEN [1] ELSE [] END |
  SET instance.startedAt = r.startedAt, instance.endedAt = r.endedAt, instance.status = r.status)
