// @name openlineage/latest-inputs
// @mode WRITE
// @param rows: list<{datasetId, name, uri, schema, versionId, version, rowCount, at, runId, link, isModel, latest}>
// Inputs without a `version` facet: the run READ the dataset's newest known version (so it links
// to what an upstream run PRODUCED); a version of its own only when none is known yet. A run that
// already reads a version of the dataset keeps it (its START and COMPLETE name the same input).
// The schema is set only when it changes: the dataset is shared by every run reading it.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
WITH row WHERE NOT row.isModel AND row.latest
MATCH (run:Run {id: row.runId})
MERGE (d:Dataset {id: row.datasetId})
  ON CREATE SET d.name = row.name, d.uri = row.uri, d.classification = 'INTERNAL', d.source = 'openlineage', d.createdAt = datetime()
FOREACH (_ IN CASE WHEN coalesce(d.schema <> row.schema, row.schema IS NOT NULL) THEN [1] ELSE [] END | SET d.schema = row.schema)
WITH run, d, row
WHERE NOT EXISTS { (run)-[:READ]->(:DatasetVersion)-[:VERSION_OF]->(d) }
CALL (d) {
  OPTIONAL MATCH (d)<-[:VERSION_OF]-(v:DatasetVersion)
  WITH v ORDER BY v.createdAt DESC LIMIT 1
  RETURN v AS newest
}
MERGE (v:DatasetVersion {id: coalesce(newest.id, row.versionId)})
  ON CREATE SET v.version = row.version, v.digest = row.version, v.name = row.name + '@' + row.version,
    v.schema = row.schema, v.rowCount = row.rowCount, v.source = 'openlineage', v.createdAt = datetime(row.at)
MERGE (v)-[:VERSION_OF]->(d)
MERGE (run)-[:READ]->(v)
