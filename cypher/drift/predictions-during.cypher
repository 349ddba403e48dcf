// @name drift/predictions-during
// @mode READ
// @param ionId: string
// @param feature: string
// @param afterAt: string (ISO date-time of the cursor; far past for the first page)
// @param afterId: string
// @param limit: int
// One page of the predictions made while a feature drifted on an ION, oldest first: the
// drifted windows after the cursor (at most 50 per page), then their runs' predictions.
MATCH (w:DriftWindow)
WHERE w.ionId = $ionId AND w.feature = $feature AND w.from >= datetime('1970-01-01T00:00:00Z') AND w.drifted = true
  AND w.to > datetime($afterAt)
WITH w ORDER BY w.from LIMIT 50
UNWIND w.runIds AS runId
MATCH (:Run {id: runId})<-[:MADE_BY]-(p:Prediction)
WHERE p.at >= w.from AND p.at < w.to AND (p.at > datetime($afterAt) OR (p.at = datetime($afterAt) AND p.id > $afterId))
RETURN p.id AS id, toString(p.at) AS at, runId, p.output AS output, w.id AS windowId, w.psi AS psi
ORDER BY p.at, p.id
LIMIT $limit
