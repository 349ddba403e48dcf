// @name replay/count-by-run
// @mode READ
// @param runId: string
// How many predictions a run made (a batch replay's total).
MATCH (:Run {id: $runId})<-[:MADE_BY]-(p:Prediction)
RETURN count(p) AS total
