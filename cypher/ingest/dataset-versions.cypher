// @name ingest/dataset-versions
// @mode WRITE
// @param rows: list<{id, datasetId, version, digest, rowCount, createdAt, schema, tags, hash}>
UNWIND $rows AS row
MATCH (d:Dataset {id: row.datasetId})
CREATE (v:DatasetVersion {
  id: row.id, version: row.version, digest: row.digest, rowCount: row.rowCount, schema: row.schema,
  tags: [tag IN row.tags | tag.key + '=' + tag.value], contentHash: row.hash, createdAt: coalesce(datetime(row.createdAt), datetime())
})
CREATE (v)-[:VERSION_OF]->(d)
WITH v, row
CALL (v, row) {
  // Tags are shared nodes, one per key/value pair (merged under their unique id).
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  CREATE (v)-[:TAGGED]->(t)
}
