// @name compliance/missing-model-version
// @mode READ
// @param limit: int (most violations returned)
// @param sample: int (prediction ids listed per violation; all are counted)
// MISSING_MODEL_VERSION from the maintained counters (same rows as
// policies/missing-model-version, which visits every inference run's predictions and stays as
// the reference). Counts and time spans come from UnversionedCount; only the sample reads
// predictions (through the Prediction(at) index, from the run's first unversioned one on).
MATCH (c:UnversionedCount)
WITH c.runId AS runId, c.hour AS hour, sum(c.count) AS n, min(c.first) AS first, max(c.last) AS last
ORDER BY runId, hour
WITH runId, collect({hour: hour, n: n, first: first, last: last}) AS hours, sum(n) AS count, min(first) AS first, max(last) AS last
ORDER BY runId LIMIT $limit
MATCH (run:Run {id: runId})
WITH run, count, first, last, hours,
  reduce(st = {sum: 0, cut: CASE WHEN $sample <= 0 THEN 0 ELSE -1 END, i: 0}, h IN hours | {
    sum: st.sum + h.n, i: st.i + 1,
    cut: CASE WHEN st.cut < 0 AND st.sum + h.n >= $sample THEN st.i + 1 ELSE st.cut END
  }).cut AS cut
// The sample lies between the run's first unversioned prediction and the last one of the
// oldest hours that hold `sample` of them: one seek in time order, stopped at `sample` (its
// cost follows the sample, not how many predictions an hour holds).
WITH run, count, first, last, hours[(CASE WHEN cut < 0 THEN size(hours) ELSE cut END) - 1].last AS sampleEnd
CALL (run, first, sampleEnd) {
  MATCH (p:Prediction) USING INDEX p:Prediction(at)
  WHERE $sample > 0 AND p.at >= first AND p.at <= sampleEnd
    AND EXISTS { (p)-[:MADE_BY]->(run) } AND NOT EXISTS { (p)-[:USED]->(:ModelVersion) }
  WITH p ORDER BY p.at, p.id LIMIT $sample
  RETURN collect(p.id) AS sample
}
OPTIONAL MATCH (run)-[:OF_NODE]->(node:PipelineNode)
RETURN
  run.id AS key,
  toString(count) + ' predictions from ' + toString(first) + ' to ' + toString(last) + ' by run ' + run.id + ' on ' + coalesce(node.name, node.id, '?') + ' recorded no model version' AS summary,
  [run.id] AS subjectIds,
  count,
  sample,
  [{id: run.id, type: 'Run', label: coalesce(run.kind, 'Run') + ' ' + run.id}]
    + CASE WHEN node IS NULL THEN [] ELSE [{id: node.id, type: 'PipelineNode', label: coalesce(node.name, node.id)}] END
    + [id IN sample | {id: id, type: 'Prediction', label: id}] AS nodes,
  CASE WHEN node IS NULL THEN [] ELSE [{source: run.id, target: node.id, type: 'OF_NODE'}] END
    + [id IN sample | {source: id, target: run.id, type: 'MADE_BY'}] AS edges
