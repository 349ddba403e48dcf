// @name policies/missing-model-version
// @mode READ
// @param limit: int (most violations returned)
// @param sample: int (prediction ids listed per violation; all are counted)
// Predictions that recorded no model version, grouped by the run that made them. Every
// inference run is visited once and its predictions checked by degree (no relationship scan);
// the cost grows with the number of predictions, which an audit report accepts.
MATCH (run:Run)<-[:MADE_BY]-(p:Prediction)
WHERE NOT EXISTS { (p)-[:USED]->(:ModelVersion) }
WITH run, p ORDER BY p.at, p.id
WITH run, count(p) AS count, collect(p.id)[..$sample] AS sample, min(p.at) AS first, max(p.at) AS last
ORDER BY run.id LIMIT $limit
OPTIONAL MATCH (run)-[:OF_NODE]->(node:PipelineNode)
RETURN
  run.id AS key,
  toString(count) + ' predictions from ' + toString(first) + ' to ' + toString(last) + ' by run ' + run.id + ' on ' + coalesce(node.name, node.id, '?') + ' recorded no model version' AS summary,
  [run.id] AS subjectIds,
  count,
  sample,
  [{id: run.id, type: 'Run', label: coalesce(run.kind, 'Run') + ' ' + run.id}]
    + CASE WHEN node IS NULL THEN [] ELSE [{id: node.id, type: 'PipelineNode', label: coalesce(node.name, node.id)}] END
    + [id IN sample | {id: id, type: 'Prediction', label: id}] AS nodes,
  CASE WHEN node IS NULL THEN [] ELSE [{source: run.id, target: node.id, type: 'OF_NODE'}] END
    + [id IN sample | {source: id, target: run.id, type: 'MADE_BY'}] AS edges
