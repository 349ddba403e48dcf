// @name lookup/deployment
// @mode READ
// @param ids: list<string>
// Which of these Deployment ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:Deployment {id: id})
RETURN n.id AS id, n.contentHash AS hash
