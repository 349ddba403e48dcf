// @name impact/latest-use
// @mode READ
// @param modelVersionIds: list<string>
// The newest prediction time among the given versions' predictions: where the first
// newest-first page of impact/predictions-by-time starts its index walk, so it never walks
// predictions newer than every affected one. Reads `at` once per USED link (first page only).
UNWIND $modelVersionIds AS mvId
MATCH (:ModelVersion {id: mvId})<-[:USED]-(p:Prediction)
RETURN max(p.at) AS latest
