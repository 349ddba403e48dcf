// @name lookup/run
// @mode READ
// @param ids: list<string>
// Which of these Run ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Run {id: id})
RETURN n.id AS id, n.contentHash AS hash
