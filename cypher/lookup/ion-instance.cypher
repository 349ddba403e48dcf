// @name lookup/ion-instance
// @mode READ
// @param ids: list<string>
// Which of these IONInstance ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:IONInstance {id: id})
RETURN n.id AS id, n.contentHash AS hash
