// @name drift/series
// @mode READ
// @param ionId: string
// @param feature: string | null
// @param modelVersionId: string | null
// @param from: string
// @param to: string
// @param limit: int
// Evaluated windows of an ION over time (optionally one feature, or windows a model version served), oldest first.
MATCH (w:DriftWindow)
WHERE w.ionId = $ionId AND w.feature >= '' AND w.from >= datetime($from) AND w.from < datetime($to)
  AND ($feature IS NULL OR w.feature = $feature)
  AND ($modelVersionId IS NULL OR $modelVersionId IN w.modelVersionIds)
RETURN w.id AS id, w.pipelineNodeId AS pipelineNodeId, w.feature AS feature, w.kind AS kind, toString(w.from) AS from,
  toString(w.to) AS to, w.rows AS rows, w.count AS count, w.missingRate AS missingRate, w.psi AS psi, w.ks AS ks, w.js AS js,
  w.wasserstein AS wasserstein, w.psiPrev AS psiPrev, w.ksPrev AS ksPrev, w.jsPrev AS jsPrev, w.threshold AS threshold,
  w.drifted AS drifted, w.baselineDatasetVersionId AS baselineDatasetVersionId, w.modelVersionIds AS modelVersionIds,
  w.histogram AS histogram, w.alertEventId AS alertEventId
ORDER BY w.from, w.feature, w.pipelineNodeId
LIMIT $limit
