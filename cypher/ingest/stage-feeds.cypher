// @name ingest/stage-feeds
// @mode WRITE
// @param rows: list<{id, feeds}>
// Runs after ingest/stages so a stage may feed another stage of the same batch.
UNWIND $rows AS row
MATCH (s:Stage {id: row.id})
UNWIND row.feeds AS targetId
MATCH (target:Stage {id: targetId})
CREATE (s)-[:FEEDS]->(target)
