// @name search/subject-predictions
// @mode READ
// @param subjectKey: string
// @param first: int
// The latest predictions of one subject (Prediction(subjectKey, at) index), each with the kind
// of the run that made it (CONTROL marks a control pipeline's prediction); the run hop comes
// after the LIMIT, so it runs at most $first times.
MATCH (p:Prediction {subjectKey: $subjectKey})
WHERE p.at IS NOT NULL
WITH p
ORDER BY p.at DESC, p.id DESC
LIMIT $first
OPTIONAL MATCH (p)-[:MADE_BY]->(run:Run)
WITH p, head(collect(run.kind)) AS role
RETURN p.id AS id, p.requestId AS requestId, p.subjectKey AS subjectKey, p.at AS at, p.output AS output, p.score AS score, role
ORDER BY at DESC, id DESC
