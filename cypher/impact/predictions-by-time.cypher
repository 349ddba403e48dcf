// @name impact/predictions-by-time
// @mode READ
// @param modelVersionIds: list<string>
// @param beforeAt: string (ISO date-time of the cursor; far future for the first page)
// @param beforeId: string
// @param limit: int
// One page of predictions that used any of the given versions, newest first. Walks the
// Prediction(at) index in order and stops after `limit` hits: cheap when the affected
// predictions are a good share of all (the service picks this plan only then).
MATCH (p:Prediction)
WHERE p.at <= datetime($beforeAt)
  AND (p.at < datetime($beforeAt) OR p.id < $beforeId)
  AND EXISTS { MATCH (p)-[:USED]->(mv:ModelVersion) WHERE mv.id IN $modelVersionIds }
RETURN p.id AS id, p.at AS at, p.subjectKey AS subjectKey
ORDER BY p.at DESC, p.id DESC
LIMIT $limit
