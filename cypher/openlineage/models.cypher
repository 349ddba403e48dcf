// @name openlineage/models
// @mode WRITE
// @param rows: list<{datasetId, name, uri, schema, versionId, version, rowCount, at, runId, link, isModel, latest}>
// Datasets whose `datasetType` facet says MODEL: model versions a run PRODUCED (training) or
// LOADED (inference). Nothing says how it was built, so algorithm and format stay unknown.
// Planned once: every lookup is a unique-id seek, which no change in statistics improves.
CYPHER replan=skip
UNWIND $rows AS row
WITH row WHERE row.isModel
MERGE (m:Model {id: row.datasetId})
  ON CREATE SET m.name = row.name, m.uri = row.uri, m.source = 'openlineage', m.createdAt = datetime()
MERGE (mv:ModelVersion {id: row.versionId})
  ON CREATE SET mv.version = row.version, mv.digest = row.version, mv.name = row.name + ' ' + row.version,
    mv.algorithm = 'unknown', mv.format = 'OPAQUE', mv.status = 'CANDIDATE', mv.artifactUri = row.uri,
    mv.outputSchema = row.schema, mv.source = 'openlineage', mv.createdAt = datetime(row.at)
MERGE (mv)-[:VERSION_OF]->(m)
WITH mv, row
CALL (mv, row) {
  OPTIONAL MATCH (run:Run {id: row.runId})
  FOREACH (_ IN CASE WHEN run IS NOT NULL AND row.link = 'PRODUCED' THEN [1] ELSE [] END | MERGE (run)-[:PRODUCED]->(mv))
  FOREACH (_ IN CASE WHEN run IS NOT NULL AND row.link = 'READ' THEN [1] ELSE [] END |
    MERGE (run)-[load:LOADED]->(mv)
    SET load.at = CASE WHEN load.at IS NULL OR datetime(row.at) < load.at THEN datetime(row.at) ELSE load.at END)
}
