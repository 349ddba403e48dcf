// @name lookup/feature
// @mode READ
// @param ids: list<string>
// Which of these Feature ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Feature {id: id})
RETURN n.id AS id, n.contentHash AS hash
