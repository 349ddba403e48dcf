// @name classification/run-sources
// @mode READ
// @param ids: list<string>
// The classified inputs of runs: the datasets of the dataset versions they read, and the
// features they used. Unique-index seeks on the runs, then one hop (two for datasets) each.
UNWIND $ids[..1000] AS id
MATCH (run:Run {id: id})
CALL (run) {
  MATCH (run)-[:READ]->(dv:DatasetVersion)-[:VERSION_OF]->(ds:Dataset)
  RETURN {kind: 'TRAINING_DATA', viaId: dv.id, id: ds.id, type: 'Dataset', name: ds.name, classification: ds.classification} AS source
  UNION ALL
  MATCH (run)-[:USED_FEATURE]->(f:Feature)
  RETURN {kind: 'TRAINING_FEATURE', viaId: null, id: f.id, type: 'Feature', name: f.name, classification: f.classification} AS source
}
RETURN run.id AS id, collect(source)[..200] AS sources
