// @name ingest/principals
// @mode WRITE
// @param rows: list<{id, name, kind, email, hash}>
UNWIND $rows AS row
CREATE (:Principal {id: row.id, name: row.name, kind: row.kind, email: row.email, contentHash: row.hash, createdAt: datetime()})
