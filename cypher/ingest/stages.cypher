// @name ingest/stages
// @mode WRITE
// @param rows: list<{id, runId, name, type, stats, hash}>
// Level 1: the stages inside one run; their FEEDS edges are written by ingest/stage-feeds.
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})
CREATE (s:Stage {id: row.id, name: row.name, type: row.type, stats: row.stats, contentHash: row.hash, createdAt: datetime()})
CREATE (run)-[:HAS_STAGE]->(s)
