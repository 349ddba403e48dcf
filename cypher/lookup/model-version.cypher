// @name lookup/model-version
// @mode READ
// @param ids: list<string>
// Which of these ModelVersion ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:ModelVersion {id: id})
RETURN n.id AS id, n.contentHash AS hash
