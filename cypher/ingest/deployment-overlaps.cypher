// @name ingest/deployment-overlaps
// @mode READ
// @param ids: list<string>
// PRIMARY deployments among $ids whose span overlaps another PRIMARY on the same pipeline node.
// Spans are half-open [from, to). An open-ended span (no `to`) ends where the next PRIMARY on
// its node begins (deployments are immutable: that is how a live rollout replaces one), so it
// only conflicts with one starting at the same instant. Starts from the unique id seek; a node
// has few deployments (TO_NODE only, never its runs' fan-in).
UNWIND $ids[..1000] AS id
MATCH (d:Deployment {id: id})-[:TO_NODE]->(node:PipelineNode)<-[:TO_NODE]-(o:Deployment)
WHERE d.role = 'PRIMARY' AND o.role = 'PRIMARY' AND o <> d
  AND (o.from = d.from
    OR (o.from < d.from AND o.to IS NOT NULL AND d.from < o.to)
    OR (d.from < o.from AND d.to IS NOT NULL AND o.from < d.to))
RETURN d.id AS id, o.id AS otherId, node.id AS pipelineNodeId, o.from AS otherFrom, o.to AS otherTo
ORDER BY id, otherId
LIMIT 20
