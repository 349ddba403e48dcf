// @name impact/predictions-by-model
// @mode READ
// @param modelVersionIds: list<string>
// @param beforeAt: string (ISO date-time of the cursor; far future for the first page)
// @param beforeId: string
// @param limit: int
// One page of predictions that used any of the given versions, newest first, expanding USED
// from each version (unique-id seeks): cheap when the versions were used by few predictions.
UNWIND $modelVersionIds AS mvId
MATCH (:ModelVersion {id: mvId})<-[:USED]-(p:Prediction)
WHERE p.at <= datetime($beforeAt)
  AND (p.at < datetime($beforeAt) OR p.id < $beforeId)
WITH DISTINCT p
RETURN p.id AS id, p.at AS at, p.subjectKey AS subjectKey
ORDER BY p.at DESC, p.id DESC
LIMIT $limit
