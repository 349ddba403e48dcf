// @name ingest/dataset-versions
// @mode WRITE
// @param rows: list<{id, datasetId, version, digest, rowCount, createdAt, schema, hash}>
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
CREATE (v:DatasetVersion {
  id: row.id, version: row.version, digest: row.digest, rowCount: row.rowCount, schema: row.schema,
  contentHash: row.hash, createdAt: coalesce(datetime(row.createdAt), datetime())
})
CREATE (v)-[:VERSION_OF]->(d)
