// @name ingest/ion-instances
// @mode WRITE
// @param rows: list<{id, ionId, startedAt, endedAt, status, hash}>
UNWIND $rows AS row
MATCH (ion:ION {id: row.ionId})
CREATE (i:IONInstance {
  id: row.id, startedAt: datetime(row.startedAt), endedAt: datetime(row.endedAt), status: row.status,
  contentHash: row.hash, createdAt: datetime()
})
CREATE (i)-[:INSTANCE_OF]->(ion)
