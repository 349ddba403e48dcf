// @name classification/dataset-versions
// @mode READ
// @param ids: list<string>
// The dataset each dataset version belongs to, with its classification.
UNWIND $ids[..1000] AS id
MATCH (dv:DatasetVersion {id: id})-[:VERSION_OF]->(ds:Dataset)
RETURN dv.id AS id, ds.id AS datasetId, ds.name AS name, ds.classification AS classification
