// @name openlineage/columns
// @mode WRITE
// @param rows: list<{id, datasetId, datasetName, datasetUri, name, fromId, fromDatasetId, fromDatasetName, fromDatasetUri, fromName, transformation}>
// The `columnLineage` facet: each output column is a (:Column) of its dataset, DERIVED_FROM the
// input columns it is computed from. A Feature is the column of a feature table when it is
// DERIVED_FROM that column's dataset and has the column's name: it is then DERIVED_FROM the
// column too, so lineage and impact walk from a source column to features, models and
// predictions. (Features ingested later link to known columns the same way.)
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
MERGE (d:Dataset {id: row.datasetId})
  ON CREATE SET d.name = row.datasetName, d.uri = row.datasetUri, d.classification = 'INTERNAL', d.source = 'openlineage', d.createdAt = datetime()
MERGE (src:Dataset {id: row.fromDatasetId})
  ON CREATE SET src.name = row.fromDatasetName, src.uri = row.fromDatasetUri, src.classification = 'INTERNAL', src.source = 'openlineage', src.createdAt = datetime()
MERGE (c:Column {id: row.id})
  ON CREATE SET c.datasetId = row.datasetId, c.name = row.name, c.createdAt = datetime()
MERGE (c)-[:COLUMN_OF]->(d)
MERGE (input:Column {id: row.fromId})
  ON CREATE SET input.datasetId = row.fromDatasetId, input.name = row.fromName, input.createdAt = datetime()
MERGE (input)-[:COLUMN_OF]->(src)
MERGE (c)-[r:DERIVED_FROM]->(input)
SET r.transformation = coalesce(row.transformation, r.transformation)
WITH DISTINCT c, d
CALL (c, d) {
  MATCH (d)<-[:DERIVED_FROM]-(f:Feature) WHERE f.name = c.name
  MERGE (f)-[:DERIVED_FROM]->(c)
}
