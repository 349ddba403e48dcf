// @name ingest/features
// @mode WRITE
// @param rows: list<{id, name, dtype, description, classification, transform, datasetIds, hash}>
UNWIND $rows AS row
CREATE (f:Feature {
  id: row.id, name: row.name, dtype: row.dtype, description: row.description,
  classification: row.classification, transform: row.transform,
  contentHash: row.hash, createdAt: datetime()
})
WITH f, row
UNWIND row.datasetIds AS datasetId
MATCH (d:Dataset {id: datasetId})
CREATE (f)-[:DERIVED_FROM]->(d)
