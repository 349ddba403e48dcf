// @name ingest/models
// @mode WRITE
// @param rows: list<{id, name, description, hash}>
UNWIND $rows AS row
CREATE (:Model {id: row.id, name: row.name, description: row.description, contentHash: row.hash, createdAt: datetime()})
