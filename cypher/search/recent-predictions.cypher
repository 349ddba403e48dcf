// @name search/recent-predictions
// @mode READ
// @param first: int
// The newest primary predictions (the home page's "try one of these"): a backwards range over
// the Prediction(at) index, a few extra rows read so control predictions can be skipped, and the
// run hop only for those.
MATCH (p:Prediction)
WHERE p.at IS NOT NULL
WITH p
ORDER BY p.at DESC
LIMIT $first * 4
MATCH (p)-[:MADE_BY]->(run:Run)
WHERE run.kind IS NULL OR run.kind <> 'CONTROL'
WITH p, run.kind AS role
ORDER BY p.at DESC, p.id DESC
LIMIT $first
RETURN p.id AS id, p.requestId AS requestId, p.subjectKey AS subjectKey, p.at AS at, p.output AS output, p.score AS score, role
