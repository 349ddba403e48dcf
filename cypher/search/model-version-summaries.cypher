// @name search/model-version-summaries
// @mode READ
// @param ids: list<string>
// Per-item loader: the summary of each model version (one row per id found).
UNWIND $ids AS id
MATCH (mv:ModelVersion {id: id})
RETURN mv.id AS id, mv.name AS name, mv.version AS version, mv.algorithm AS algorithm,
  mv.framework AS framework, mv.format AS format, mv.status AS status, mv.metrics AS metrics,
  mv.createdAt AS createdAt,
  COLLECT { MATCH (mv)-[:VERSION_OF]->(m:Model) RETURN m { .id, .name } LIMIT 1 }[0] AS model,
  COLLECT { MATCH (run:Run)-[:PRODUCED]->(mv) RETURN run.id ORDER BY run.startedAt LIMIT 1 }[0] AS trainingRunId,
  coalesce(mv.tags, []) + coalesce(COLLECT { MATCH (mv)-[:VERSION_OF]->(m:Model) RETURN m.tags LIMIT 1 }[0], []) AS tags
