// @name ingest/datasets
// @mode WRITE
// @param rows: list<{id, name, uri, classification, owner, description, schema, hash}>
// Creates datasets the engine found to be new (replays and conflicts were sorted out before).
UNWIND $rows AS row
CREATE (d:Dataset {
  id: row.id, name: row.name, uri: row.uri, classification: row.classification,
  owner: row.owner, description: row.description, schema: row.schema,
  contentHash: row.hash, createdAt: datetime()
})
