// @name lookup/principal
// @mode READ
// @param ids: list<string>
// Which of these Principal ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Principal {id: id})
RETURN n.id AS id, n.contentHash AS hash
