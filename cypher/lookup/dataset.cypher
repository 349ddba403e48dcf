// @name lookup/dataset
// @mode READ
// @param ids: list<string>
// Which of these Dataset ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Dataset {id: id})
RETURN n.id AS id, n.contentHash AS hash
