// @name openlineage/errors
// @mode WRITE
// @param rows: list<{id, runId, at, message, details}>
// The `errorMessage` run facet: an ERROR event during the run.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
MATCH (run:Run {id: row.runId})
MERGE (e:Event {id: row.id})
  ON CREATE SET e.type = 'ERROR', e.at = datetime(row.at), e.message = row.message, e.details = row.details,
    e.source = 'openlineage', e.createdAt = datetime()
MERGE (e)-[:DURING]->(run)
