// @name lookup/prediction
// @mode READ
// @param ids: list<string>
// Which of these Prediction ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Prediction {id: id})
RETURN n.id AS id, n.contentHash AS hash
