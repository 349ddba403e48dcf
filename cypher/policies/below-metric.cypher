// @name policies/below-metric
// @mode READ
// @param limit: int (most violations returned)
// A deployed model version whose training metric is below the minimum of its ION's policy.
// Neo4j Community has no JSON functions, so the metric name, the minimum and the metric value
// are read from the stored JSON text (written by JSON.stringify: no whitespace); the metric is
// a top-level number of the version's `metrics` object.
MATCH (d:Deployment)-[:DEPLOYS]->(mv:ModelVersion), (d)-[:TO_NODE]->(node:PipelineNode)<-[:HAS_NODE]-(ion:ION)
WHERE ion.policy CONTAINS '"minimum":' AND ion.policy CONTAINS '"metric":"'
WITH d, mv, node, ion,
  split(split(ion.policy, '"metric":"')[1], '"')[0] AS metric,
  toFloat(trim(split(split(split(ion.policy, '"minimum":')[1], ',')[0], '}')[0])) AS minimum
WITH d, mv, node, ion, metric, minimum, split(coalesce(mv.metrics, ''), '"' + metric + '":') AS parts
WHERE size(parts) > 1
WITH d, mv, node, ion, metric, minimum, toFloat(trim(split(split(parts[1], ',')[0], '}')[0])) AS value
WHERE value IS NOT NULL AND minimum IS NOT NULL AND value < minimum
WITH d, mv, node, ion, metric, minimum, value ORDER BY d.id LIMIT $limit
RETURN
  d.id AS key,
  coalesce(mv.name, mv.id) + ' deployed by ' + d.id + ' to ' + coalesce(node.name, node.id) + ': ' + metric + ' ' + toString(value) + ' is below the minimum ' + toString(minimum) + ' of ION ' + coalesce(ion.name, ion.id) AS summary,
  [d.id, mv.id] AS subjectIds,
  1 AS count,
  [] AS sample,
  [
    {id: d.id, type: 'Deployment', label: coalesce(d.role, 'Deployment') + ' ' + d.id},
    {id: mv.id, type: 'ModelVersion', label: coalesce(mv.name, mv.id) + ' (' + metric + ' ' + toString(value) + ')'},
    {id: node.id, type: 'PipelineNode', label: coalesce(node.name, node.id)},
    {id: ion.id, type: 'ION', label: coalesce(ion.name, ion.id) + ' (' + metric + ' ≥ ' + toString(minimum) + ')'}
  ] AS nodes,
  [
    {source: d.id, target: mv.id, type: 'DEPLOYS'},
    {source: d.id, target: node.id, type: 'TO_NODE'},
    {source: ion.id, target: node.id, type: 'HAS_NODE'}
  ] AS edges
