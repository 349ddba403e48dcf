// @name drift/in-force
// @mode READ
// @param pipelineNodeId: string
// @param at: string
// @param maxWindowHours: int
// Drifted windows of a pipeline node covering an instant (windows start at most maxWindowHours before it).
MATCH (w:DriftWindow)
WHERE w.pipelineNodeId = $pipelineNodeId AND w.from <= datetime($at) AND w.from > datetime($at) - duration({hours: $maxWindowHours})
  AND w.to > datetime($at) AND w.drifted = true
RETURN w.id AS id, w.feature AS feature, toString(w.from) AS from, toString(w.to) AS to, w.psi AS psi, w.ks AS ks, w.js AS js,
  w.threshold AS threshold, w.baselineDatasetVersionId AS baselineDatasetVersionId, w.alertEventId AS alertEventId
ORDER BY w.feature
LIMIT 100
