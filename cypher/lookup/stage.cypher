// @name lookup/stage
// @mode READ
// @param ids: list<string>
// Which of these Stage ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Stage {id: id})
RETURN n.id AS id, n.contentHash AS hash
