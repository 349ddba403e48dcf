// @name lookup/approval
// @mode READ
// @param ids: list<string>
// Which of these Approval ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Approval {id: id})
RETURN n.id AS id, n.contentHash AS hash
