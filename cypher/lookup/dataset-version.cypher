// @name lookup/dataset-version
// @mode READ
// @param ids: list<string>
// Which of these DatasetVersion ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:DatasetVersion {id: id})
RETURN n.id AS id, n.contentHash AS hash
