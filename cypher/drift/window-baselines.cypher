// @name drift/window-baselines
// @mode READ
// @param runIds: list<string>
// The model versions the window's runs loaded and, per feature, the baseline signature of the
// newest training data behind them: the dataset versions read by the runs that produced those
// versions or (for ensembles) their members.
UNWIND $runIds AS runId
MATCH (:Run {id: runId})-[:LOADED]->(mv:ModelVersion)
WITH collect(DISTINCT mv) AS served
CALL (served) {
  UNWIND served AS mv
  MATCH (mv)-[:HAS_MEMBER*0..3]->(:ModelVersion)<-[:PRODUCED]-(t:Run)-[:READ]->(dv:DatasetVersion)-[:HAS_SIGNATURE]->(s:Signature)
  WITH s, dv, t
  ORDER BY t.startedAt DESC, dv.id DESC
  WITH s.feature AS feature, collect({s: s, dv: dv.id})[0] AS best
  RETURN collect({datasetVersionId: best.dv, feature: feature, kind: best.s.kind, rows: best.s.rows, count: best.s.count,
    min: best.s.min, max: best.s.max, sketch: best.s.sketch, categories: best.s.categories}) AS baselines
}
RETURN [mv IN served | mv.id] AS modelVersionIds, baselines
