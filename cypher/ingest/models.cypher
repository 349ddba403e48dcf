// @name ingest/models
// @mode WRITE
// @param rows: list<{id, name, description, tags, hash}>
UNWIND $rows AS row
CREATE (m:Model {id: row.id, name: row.name, description: row.description, tags: [tag IN row.tags | tag.key + '=' + tag.value], contentHash: row.hash, createdAt: datetime()})
WITH m, row
CALL (m, row) {
  // Tags are shared nodes, one per key/value pair (merged under their unique id).
  UNWIND row.tags AS tag
  MERGE (t:Tag {id: tag.id}) ON CREATE SET t.key = tag.key, t.value = tag.value
  CREATE (m)-[:TAGGED]->(t)
}
