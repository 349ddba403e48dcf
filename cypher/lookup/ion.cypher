// @name lookup/ion
// @mode READ
// @param ids: list<string>
// Which of these ION ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:ION {id: id})
RETURN n.id AS id, n.contentHash AS hash
