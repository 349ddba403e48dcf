// @name openlineage/datasets
// @mode WRITE
// @param rows: list<{datasetId, name, uri, schema, versionId, version, rowCount, at, runId, link, isModel, latest}>
// Input and output datasets as dataset versions the run READ or PRODUCED. Schema and row counts
// arrive on later events (COMPLETE carries output statistics), so they fill in, never erase.
// Inputs are shared by many runs: a value is set only when it changes, since setting an unchanged
// one still takes the node's write lock and every concurrent writer of it would wait.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
WITH row WHERE NOT row.isModel AND NOT row.latest
MERGE (d:Dataset {id: row.datasetId})
  ON CREATE SET d.name = row.name, d.uri = row.uri, d.classification = 'INTERNAL', d.source = 'openlineage', d.createdAt = datetime()
FOREACH (_ IN CASE WHEN coalesce(d.schema <> row.schema, row.schema IS NOT NULL) THEN [1] ELSE [] END | SET d.schema = row.schema)
MERGE (v:DatasetVersion {id: row.versionId})
  ON CREATE SET v.version = row.version, v.digest = row.version, v.name = row.name + '@' + row.version,
    v.source = 'openlineage', v.createdAt = datetime(row.at)
FOREACH (_ IN CASE WHEN v.schema IS NULL AND row.schema IS NOT NULL THEN [1] ELSE [] END | SET v.schema = row.schema)
FOREACH (_ IN CASE WHEN coalesce(v.rowCount <> row.rowCount, row.rowCount IS NOT NULL) THEN [1] ELSE [] END | SET v.rowCount = row.rowCount)
MERGE (v)-[:VERSION_OF]->(d)
WITH v, row
CALL (v, row) {
  OPTIONAL MATCH (run:Run {id: row.runId})
  FOREACH (_ IN CASE WHEN run IS NOT NULL AND row.link = 'READ' THEN [1] ELSE [] END | MERGE (run)-[:READ]->(v))
  FOREACH (_ IN CASE WHEN run IS NOT NULL AND row.link = 'PRODUCED' THEN [1] ELSE [] END | MERGE (run)-[:PRODUCED]->(v))
}
