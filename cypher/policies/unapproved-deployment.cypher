// @name policies/unapproved-deployment
// @mode READ
// @param limit: int (most violations returned)
// A deployed model version with no APPROVED decision for the ION of the pipeline node it was
// deployed to. Starts from the (few) deployments; each check is a short pattern from them.
MATCH (d:Deployment)-[:DEPLOYS]->(mv:ModelVersion), (d)-[:TO_NODE]->(node:PipelineNode)<-[:HAS_NODE]-(ion:ION)
WHERE NOT EXISTS { MATCH (mv)<-[:REVIEWS]-(a:Approval {decision: 'APPROVED'})-[:FOR_ION]->(ion) }
WITH d, mv, node, ion ORDER BY d.id LIMIT $limit
RETURN
  d.id AS key,
  'Deployment ' + d.id + ' (' + coalesce(d.role, '?') + ') of ' + coalesce(mv.name, mv.id) + ' to ' + coalesce(node.name, node.id) + ' has no approval for ION ' + coalesce(ion.name, ion.id) AS summary,
  [d.id, mv.id] AS subjectIds,
  1 AS count,
  [] AS sample,
  [
    {id: d.id, type: 'Deployment', label: coalesce(d.role, 'Deployment') + ' ' + d.id},
    {id: mv.id, type: 'ModelVersion', label: coalesce(mv.name, mv.id)},
    {id: node.id, type: 'PipelineNode', label: coalesce(node.name, node.id)},
    {id: ion.id, type: 'ION', label: coalesce(ion.name, ion.id)}
  ] AS nodes,
  [
    {source: d.id, target: mv.id, type: 'DEPLOYS'},
    {source: d.id, target: node.id, type: 'TO_NODE'},
    {source: ion.id, target: node.id, type: 'HAS_NODE'}
  ] AS edges
