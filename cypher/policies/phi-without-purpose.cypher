// @name policies/phi-without-purpose
// @mode READ
// @param limit: int (most violations returned)
// A run that read PHI data with no recorded purpose, and the model versions it produced.
// Starts from the PHI datasets (few) and walks to the runs that read their versions.
MATCH (ds:Dataset {classification: 'PHI'})<-[:VERSION_OF]-(dv:DatasetVersion)<-[:READ]-(run:Run)
WHERE run.purpose IS NULL OR trim(run.purpose) = ''
WITH run, collect(DISTINCT dv) AS versions, collect(DISTINCT ds) AS datasets
WITH run, versions, datasets ORDER BY run.id LIMIT $limit
WITH run, versions, datasets, COLLECT { MATCH (run)-[:PRODUCED]->(mv:ModelVersion) RETURN mv ORDER BY mv.id LIMIT 100 } AS produced
RETURN
  run.id AS key,
  coalesce(run.kind, 'Run') + ' run ' + run.id + ' read PHI (' + reduce(s = '', d IN datasets | s + CASE WHEN s = '' THEN '' ELSE ', ' END + coalesce(d.name, d.id)) + ') without a recorded purpose' +
    CASE WHEN size(produced) = 0 THEN '' ELSE ' and produced ' + reduce(s = '', m IN produced | s + CASE WHEN s = '' THEN '' ELSE ', ' END + coalesce(m.name, m.id)) END AS summary,
  [run.id] + [m IN produced | m.id] AS subjectIds,
  1 AS count,
  [] AS sample,
  [{id: run.id, type: 'Run', label: coalesce(run.kind, 'Run') + ' ' + run.id}]
    + [m IN produced | {id: m.id, type: 'ModelVersion', label: coalesce(m.name, m.id)}]
    + [v IN versions | {id: v.id, type: 'DatasetVersion', label: v.id}]
    + [d IN datasets | {id: d.id, type: 'Dataset', label: coalesce(d.name, d.id) + ' (PHI)'}] AS nodes,
  [m IN produced | {source: run.id, target: m.id, type: 'PRODUCED'}]
    + [v IN versions | {source: run.id, target: v.id, type: 'READ'}]
    + COLLECT { UNWIND versions AS v MATCH (v)-[:VERSION_OF]->(d:Dataset) RETURN {source: v.id, target: d.id, type: 'VERSION_OF'} } AS edges
