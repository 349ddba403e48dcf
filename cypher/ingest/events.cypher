// @name ingest/events
// @mode WRITE
// @param rows: list<{id, runId, type, at, message, details, hash}>
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})
CREATE (e:Event {id: row.id, type: row.type, at: datetime(row.at), message: row.message, details: row.details, contentHash: row.hash, createdAt: datetime()})
CREATE (e)-[:DURING]->(run)
