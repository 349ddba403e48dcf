// @name governance/model-version
// @mode READ
// @param id: string
// @param now: string (ISO date-time; "still active" and open durations are measured against it)
// @param cap: int (most items per list)
// The governance view of one model version (Figure 6 of the ATC'18 paper): properties, how it
// came to be, decisions per ION, ensembles, usage periods and a degree-count of predictions.
MATCH (mv:ModelVersion {id: $id})
CALL (mv) {
  OPTIONAL MATCH (run:Run)-[:PRODUCED]->(mv)
  RETURN run ORDER BY run.startedAt LIMIT 1
}
CALL (run) {
  OPTIONAL MATCH (run)-[:OF_NODE]->(node:PipelineNode)
  OPTIONAL MATCH (node)<-[:HAS_NODE]-(ion:ION)
  RETURN node, ion LIMIT 1
}
WITH mv, run, node, ion, datetime($now) AS now
RETURN
  mv {
    .id, .name, .version, .algorithm, .framework, .format, .artifactUri, .digest, .status,
    .metrics, .hyperparameters, .inputSchema, .outputSchema, .createdAt
  } AS version,
  COLLECT { MATCH (mv)-[:VERSION_OF]->(m:Model) RETURN m { .id, .name, .description } LIMIT 1 }[0] AS model,
  run { .id, .kind, .status, .startedAt, .endedAt, .codeVersion, .searchGroupId, .purpose } AS run,
  node { .id, .name, .role } AS node,
  ion { .id, .name, .version } AS ion,
  COLLECT { MATCH (run)-[:IN_INSTANCE]->(i:IONInstance) RETURN i { .id, .startedAt, .status } LIMIT 1 }[0] AS instance,
  COLLECT { MATCH (run)-[:TRIGGERED_BY]->(p:Principal) RETURN p { .id, .name, .kind } LIMIT 1 }[0] AS triggeredBy,
  COLLECT { MATCH (mv)-[:UPLOADED_BY]->(p:Principal) RETURN p { .id, .name, .kind } LIMIT 1 }[0] AS uploadedBy,
  COLLECT {
    MATCH (run)-[:READ]->(dv:DatasetVersion)-[:VERSION_OF]->(d:Dataset)
    RETURN { id: dv.id, version: dv.version, datasetId: d.id, datasetName: d.name, classification: d.classification,
      qualityMetrics: dv.qualityMetrics, qualityAssertions: dv.qualityAssertions }
    ORDER BY d.name, dv.id LIMIT $cap
  } AS datasetVersions,
  COLLECT {
    MATCH (run)-[:USED_FEATURE]->(f:Feature)
    RETURN { id: f.id, name: f.name, classification: f.classification } ORDER BY f.name, f.id LIMIT $cap
  } AS features,
  COLLECT {
    MATCH (mv)<-[:REVIEWS]-(a:Approval)<-[:DECIDED]-(who:Principal)
    OPTIONAL MATCH (a)-[:FOR_ION]->(forIon:ION)
    RETURN {
      id: a.id, decision: a.decision, at: a.at, comment: a.comment,
      reviewer: who { .id, .name, .kind }, ionId: forIon.id, ionName: forIon.name,
      policyRunId: COLLECT { MATCH (a)-[:BY_RUN]->(r:Run) RETURN r.id LIMIT 1 }[0]
    } ORDER BY a.at, a.id LIMIT $cap
  } AS decisions,
  COLLECT {
    MATCH (mv)-[h:HAS_MEMBER]->(part:ModelVersion)
    RETURN { id: part.id, name: part.name, status: part.status, weight: h.weight } ORDER BY part.id LIMIT $cap
  } AS members,
  COLLECT {
    MATCH (mv)<-[h:HAS_MEMBER]-(whole:ModelVersion)
    RETURN { id: whole.id, name: whole.name, status: whole.status, weight: h.weight } ORDER BY whole.id LIMIT $cap
  } AS memberOf,
  COLLECT {
    MATCH (mv)<-[:DEPLOYS]-(dep:Deployment)-[:TO_NODE]->(pn:PipelineNode)
    OPTIONAL MATCH (pn)<-[:HAS_NODE]-(servedIon:ION)
    WITH dep, pn, servedIon, coalesce(dep.to, now) AS until
    RETURN {
      id: dep.id, role: dep.role, from: dep.from, to: dep.to,
      seconds: CASE WHEN until > dep.from THEN duration.inSeconds(dep.from, until).seconds ELSE 0 END,
      active: dep.from <= now AND (dep.to IS NULL OR dep.to > now),
      pipelineNodeId: pn.id, pipelineNodeName: pn.name, pipelineRole: pn.role,
      ionId: servedIon.id, ionName: servedIon.name,
      approvalId: COLLECT { MATCH (dep)-[:AUTHORIZED_BY]->(a:Approval) RETURN a.id LIMIT 1 }[0],
      instances: COLLECT {
        MATCH (servedIon)<-[:INSTANCE_OF]-(i:IONInstance)
        WHERE i.startedAt < until AND coalesce(i.endedAt, now) > dep.from
        RETURN { id: i.id, startedAt: i.startedAt, endedAt: i.endedAt, status: i.status } ORDER BY i.startedAt LIMIT 100
      }
    } ORDER BY dep.from, dep.id LIMIT $cap
  } AS deployments,
  COUNT { (mv)<-[:USED]-() } AS predictionCount
