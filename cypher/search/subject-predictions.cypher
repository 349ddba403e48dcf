// @name search/subject-predictions
// @mode READ
// @param subjectKey: string
// @param first: int
// The latest predictions of one subject (Prediction(subjectKey, at) index).
MATCH (p:Prediction {subjectKey: $subjectKey})
WHERE p.at IS NOT NULL
RETURN p.id AS id, p.requestId AS requestId, p.subjectKey AS subjectKey, p.at AS at, p.output AS output, p.score AS score
ORDER BY p.at DESC, p.id DESC
LIMIT $first
