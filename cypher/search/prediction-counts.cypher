// @name search/prediction-counts
// @mode READ
// @param ids: list<string>
// Per-item loader: predictions that used each model version, from the relationship degree
// (COUNT of one relationship type on a bound node reads the degree; no prediction is touched).
UNWIND $ids AS id
MATCH (mv:ModelVersion {id: id})
RETURN mv.id AS id, COUNT { (mv)<-[:USED]-() } AS count
