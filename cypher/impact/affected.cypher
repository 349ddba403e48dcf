// @name impact/affected
// @mode READ
// @param nodeId: string
// @param cap: int (most runs, model versions and deployments listed)
// Everything downstream of a dataset version, a dataset, a feature or a column: the runs that read or
// used it, the model versions they produced, the ensembles containing those (up to 3 levels),
// where those versions were deployed, and per version a degree count of predictions.
CALL () {
  MATCH (root:DatasetVersion {id: $nodeId}) RETURN root, 'DATASET_VERSION' AS kind
  UNION MATCH (root:Dataset {id: $nodeId}) RETURN root, 'DATASET' AS kind
  UNION MATCH (root:Feature {id: $nodeId}) RETURN root, 'FEATURE' AS kind
  UNION MATCH (root:Column {id: $nodeId}) RETURN root, 'COLUMN' AS kind
}
WITH root, kind LIMIT 1
CALL (root) {
  OPTIONAL MATCH (root:DatasetVersion)<-[:READ]-(run:Run) RETURN run, 'READ' AS via
  UNION OPTIONAL MATCH (root:Dataset)<-[:VERSION_OF]-(:DatasetVersion)<-[:READ]-(run:Run) RETURN run, 'READ' AS via
  UNION OPTIONAL MATCH (root:Dataset)<-[:DERIVED_FROM]-(:Feature)<-[:USED_FEATURE]-(run:Run) RETURN run, 'USED_FEATURE' AS via
  UNION OPTIONAL MATCH (root:Feature)<-[:USED_FEATURE]-(run:Run) RETURN run, 'USED_FEATURE' AS via
  // A column reaches the features computed from it, through up to 5 derived columns.
  UNION OPTIONAL MATCH (root:Column)<-[:DERIVED_FROM*1..6]-(:Feature)<-[:USED_FEATURE]-(run:Run) RETURN run, 'USED_FEATURE' AS via
}
WITH root, kind, run, collect(via) AS via
ORDER BY run.startedAt, run.id
// collect() drops the null of a root nothing reads, so the root's row survives with no runs.
WITH root, kind, collect(CASE WHEN run IS NULL THEN null ELSE {
  run: run, via: via, nodeId: COLLECT { MATCH (run)-[:OF_NODE]->(n:PipelineNode) RETURN n.id LIMIT 1 }[0]
} END) AS allReached
WITH root, kind, allReached[0..$cap] AS reached, size(allReached) AS runCount
CALL (reached) {
  UNWIND reached AS item
  WITH item.run AS run
  MATCH (run)-[:PRODUCED]->(mv:ModelVersion)
  RETURN collect(DISTINCT mv) AS direct
}
CALL (direct) {
  UNWIND direct AS mv
  MATCH (mv)<-[:HAS_MEMBER*1..3]-(ensemble:ModelVersion)
  RETURN collect(DISTINCT ensemble) AS ensembles
}
WITH root, kind, reached, runCount, direct, [e IN ensembles WHERE NOT e IN direct] AS ensembles
WITH root, kind, reached, runCount, direct, ensembles, (direct + ensembles)[0..$cap] AS affected
RETURN
  root { .id, .name, .version } AS root, kind,
  runCount,
  [item IN reached | {
    id: item.run.id, kind: item.run.kind, status: item.run.status, startedAt: item.run.startedAt,
    endedAt: item.run.endedAt, via: item.via, pipelineNodeId: item.nodeId
  }] AS runs,
  [mv IN affected | mv {
    .id, .name, .status, .createdAt,
    via: CASE WHEN mv IN direct THEN 'TRAINED' ELSE 'ENSEMBLE' END,
    predictionCount: COUNT { (mv)<-[:USED]-() }
  }] AS modelVersions,
  size(direct + ensembles) AS modelVersionCount,
  COLLECT {
    UNWIND affected AS mv
    MATCH (mv)<-[:DEPLOYS]-(dep:Deployment)-[:TO_NODE]->(pn:PipelineNode)
    OPTIONAL MATCH (pn)<-[:HAS_NODE]-(ion:ION)
    RETURN {
      id: dep.id, role: dep.role, from: dep.from, to: dep.to, modelVersionId: mv.id,
      pipelineNodeId: pn.id, pipelineNodeName: pn.name, pipelineRole: pn.role, ionId: ion.id, ionName: ion.name
    } ORDER BY dep.from, dep.id LIMIT $cap
  } AS deployments,
  COLLECT {
    UNWIND reached AS item
    WITH item.run AS run
    MATCH (run)-[:OF_NODE]->(pn:PipelineNode)
    OPTIONAL MATCH (pn)<-[:HAS_NODE]-(ion:ION)
    RETURN DISTINCT { pipelineNodeId: pn.id, pipelineNodeName: pn.name, pipelineRole: pn.role, ionId: ion.id, ionName: ion.name } AS node
    LIMIT $cap
  } AS trainingNodes
