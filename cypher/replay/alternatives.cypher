// @name replay/alternatives
// @mode READ
// @param modelVersionIds: list<string>
// Versions of the same models as these (a what-if picker's choices), newest first, at most 50 each.
UNWIND $modelVersionIds AS id
MATCH (:ModelVersion {id: id})-[:VERSION_OF]->(model:Model)
CALL (model) {
  MATCH (model)<-[:VERSION_OF]-(other:ModelVersion)
  WITH other ORDER BY other.createdAt DESC LIMIT 50
  RETURN collect({id: other.id, version: other.version, status: other.status}) AS versions
}
RETURN model.id AS modelId, model.name AS modelName, versions
