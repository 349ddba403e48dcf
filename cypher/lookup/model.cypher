// @name lookup/model
// @mode READ
// @param ids: list<string>
// Which of these Model ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Model {id: id})
RETURN n.id AS id, n.contentHash AS hash
