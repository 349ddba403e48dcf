// @name ingest/datasets
// @mode WRITE
// @param rows: list<{id, name, uri, classification, owner, description, schema, tags, hash}>
// Creates datasets the engine found to be new (replays and conflicts were sorted out before).
UNWIND $rows AS row
CREATE (d:Dataset {
  id: row.id, name: row.name, uri: row.uri, classification: row.classification,
  owner: row.owner, description: row.description, schema: row.schema,
  tags: [tag IN row.tags | tag.key + '=' + tag.value], contentHash: row.hash, createdAt: datetime()
})
WITH d, row
CALL (d, row) {
  // Tags are shared nodes, one per key/value pair (merged under their unique id).
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  CREATE (d)-[:TAGGED]->(t)
}
