// @name ingest/features
// @mode WRITE
// @param rows: list<{id, name, dtype, description, classification, transform, datasetIds, tags, hash}>
UNWIND $rows AS row
CREATE (f:Feature {
  id: row.id, name: row.name, dtype: row.dtype, description: row.description,
  classification: row.classification, transform: row.transform,
  tags: [tag IN row.tags | tag.key + '=' + tag.value], contentHash: row.hash, createdAt: datetime()
})
WITH f, row
CALL (f, row) {
  // Tags are shared nodes, one per key/value pair (merged under their unique id).
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  CREATE (f)-[:TAGGED]->(t)
}
WITH f, row
UNWIND row.datasetIds AS datasetId
MATCH (d:Dataset {id: datasetId})
CREATE (f)-[:DERIVED_FROM]->(d)
// A feature is the column of its feature table with its name (OpenLineage column lineage).
WITH f, d
CALL (f, d) {
  MATCH (c:Column {datasetId: d.id, name: f.name})
  CREATE (f)-[:DERIVED_FROM]->(c)
}
