// @name why/explain
// @mode READ
// @param predictionId: string | null
// @param subjectKey: string | null
// @param at: string | null
// @param output: string | null
// @param windowMinutes: int
// Everything behind one prediction, in one round trip. It starts from an index lookup
// (Prediction.id, or Prediction(subjectKey, at) newest first) and walks only bounded
// neighbourhoods: each list has a literal LIMIT, and the dense run/model nodes are only
// entered through selective relationship types (never their Prediction fan-in).
CALL () {
  MATCH (p:Prediction {id: $predictionId})
  RETURN p
  UNION
  // Only the subject is a seekable predicate, and the time is compared and sorted through
  // epochMillis: given a range or an ORDER BY on `at`, the planner may instead walk the whole
  // Prediction(at) index newest first (every prediction) looking for this subject.
  MATCH (p:Prediction)
  WHERE $predictionId IS NULL AND p.subjectKey = $subjectKey
    AND p.at.epochMillis <= coalesce(datetime($at), datetime()).epochMillis
    AND ($output IS NULL OR p.output = $output)
  WITH p ORDER BY p.at.epochMillis DESC, p.requestId DESC LIMIT 5
  // The newest request is the newest prediction's; of its predictions (served, control, ...:
  // they are among these five) the served one wins, even when the control pipeline recorded its
  // answer a few ms later. No second lookup: a seek by requestId here was planned as an index
  // scan under some statistics.
  WITH collect(p) AS recent
  UNWIND [p IN recent WHERE p.requestId = recent[0].requestId] AS p
  OPTIONAL MATCH (p)-[:MADE_BY]->(:Run)-[:OF_NODE]->(servedBy:PipelineNode)
  WITH p, servedBy ORDER BY CASE servedBy.role WHEN 'CONTROL' THEN 1 ELSE 0 END, p.at.epochMillis DESC, p.id LIMIT 1
  RETURN p
}
WITH p LIMIT 1
MATCH (p)-[:MADE_BY]->(run:Run)
OPTIONAL MATCH (run)-[:OF_NODE]->(node:PipelineNode)
OPTIONAL MATCH (run)-[:IN_INSTANCE]->(instance:IONInstance)
OPTIONAL MATCH (instance)-[:INSTANCE_OF]->(instanceIon:ION)
OPTIONAL MATCH (nodeIon:ION)-[:HAS_NODE]->(node)
WITH p, run, node, instance, coalesce(instanceIon, nodeIon) AS ion
// The models used and, for ensembles, their members with weights.
CALL (p) {
  OPTIONAL MATCH (p)-[:USED]->(used:ModelVersion)
  WITH used ORDER BY used.id LIMIT 10
  CALL (used) {
    WITH used WHERE used IS NOT NULL
    RETURN used AS mv, null AS ensembleId, null AS weight
    UNION
    MATCH (used)-[member:HAS_MEMBER]->(part:ModelVersion)
    WITH used, member, part ORDER BY part.id LIMIT 20
    RETURN part AS mv, used.id AS ensembleId, member.weight AS weight
  }
  WITH mv, ensembleId, weight
  OPTIONAL MATCH (mv)-[:VERSION_OF]->(model:Model)
  OPTIONAL MATCH (mv)-[:UPLOADED_BY]->(uploader:Principal)
  CALL (mv) {
    OPTIONAL MATCH (trainer:Run)-[:PRODUCED]->(mv)
    WITH trainer ORDER BY trainer.startedAt LIMIT 1
    OPTIONAL MATCH (trainer)-[:OF_NODE]->(trainerNode:PipelineNode)
    OPTIONAL MATCH (trainer)-[:TRIGGERED_BY]->(trigger:Principal)
    CALL (trainer) {
      OPTIONAL MATCH (trainer)-[:READ]->(dv:DatasetVersion)
      WITH dv ORDER BY dv.id LIMIT 100
      OPTIONAL MATCH (dv)-[:VERSION_OF]->(ds:Dataset)
      RETURN collect(dv {.id, .version, .digest, .rowCount, .createdAt, .qualityMetrics, .qualityAssertions,
        dataset: ds {.id, .name, .classification, .uri, .owner}}) AS datasetVersions
    }
    CALL (trainer) {
      OPTIONAL MATCH (trainer)-[:USED_FEATURE]->(f:Feature)
      WITH f ORDER BY f.id LIMIT 200
      RETURN collect(f {.id, .name, .dtype, .classification, .transform,
        datasetIds: [(f)-[:DERIVED_FROM]->(fd:Dataset) | fd.id][..10]}) AS features
    }
    CALL (trainer) {
      OPTIONAL MATCH (sibling:Run {searchGroupId: trainer.searchGroupId})
      WHERE sibling <> trainer
      WITH sibling ORDER BY sibling.id LIMIT 50
      RETURN collect(sibling {.id, .status, .startedAt, .endedAt, .params, .codeVersion,
        produced: [(sibling)-[:PRODUCED]->(smv:ModelVersion) | smv {.id, .metrics, .status}][..5],
        evaluations: [(sibling)-[:HAS_STAGE]->(st:Stage) WHERE st.type IN ['evaluate', 'evaluation', 'validate', 'validation'] | st {.id, .name, .type, .stats}][..5]
      }) AS siblings
    }
    RETURN trainer {.id, .kind, .status, .startedAt, .endedAt, .params, .codeVersion, .engine,
      .engineVersion, .host, .environment, .searchGroupId, .purpose,
      pipelineNode: trainerNode {.id, .name, .role},
      triggeredBy: trigger {.id, .name, .kind},
      datasetVersions: datasetVersions, features: features, siblings: siblings,
      evaluations: [(trainer)-[:HAS_STAGE]->(st:Stage) WHERE st.type IN ['evaluate', 'evaluation', 'validate', 'validation'] | st {.id, .name, .type, .stats}][..5]
    } AS training
  }
  CALL (mv) {
    OPTIONAL MATCH (decision:Approval)-[:REVIEWS]->(mv)
    WITH decision ORDER BY decision.at, decision.id LIMIT 100
    OPTIONAL MATCH (reviewer:Principal)-[:DECIDED]->(decision)
    OPTIONAL MATCH (decision)-[:FOR_ION]->(decisionIon:ION)
    OPTIONAL MATCH (decision)-[:BY_RUN]->(policyRun:Run)
    RETURN collect(decision {.id, .decision, .at, .comment, policyRunId: policyRun.id,
      reviewer: reviewer {.id, .name, .kind}, ion: decisionIon {.id, .name, .version}}) AS approvals
  }
  RETURN collect(mv {.id, .name, .version, .algorithm, .framework, .format, .artifactUri, .digest,
    .hyperparameters, .metrics, .status, .createdAt,
    ensembleId: ensembleId, weight: weight,
    model: model {.id, .name, .description},
    uploadedBy: uploader {.id, .name, .kind},
    training: training, approvals: approvals}) AS models
}
// The deployments on this run's pipeline node whose span covers the prediction time.
CALL (p, node) {
  OPTIONAL MATCH (node)<-[:TO_NODE]-(d:Deployment)
  WHERE d.from <= p.at AND (d.to IS NULL OR p.at < d.to)
  WITH d ORDER BY d.from DESC LIMIT 10
  OPTIONAL MATCH (d)-[:DEPLOYS]->(dmv:ModelVersion)
  OPTIONAL MATCH (d)-[:AUTHORIZED_BY]->(authorization:Approval)
  RETURN collect(d {.id, .role, .from, .to, modelVersionId: dmv.id, approvalId: authorization.id}) AS deployments
}
// The other predictions of the same request: the control pipeline's answer.
CALL (p) {
  OPTIONAL MATCH (c:Prediction {requestId: p.requestId})
  WHERE c <> p
  WITH c LIMIT 5
  OPTIONAL MATCH (c)-[:MADE_BY]->(crun:Run)
  OPTIONAL MATCH (crun)-[:OF_NODE]->(cnode:PipelineNode)
  RETURN collect(c {.id, .output, .score, .at,
    run: crun {.id, .kind, .status, .startedAt, .endedAt, .codeVersion, .engine, .engineVersion, .host},
    pipelineNode: cnode {.id, .name, .role},
    modelVersionIds: [(c)-[:USED]->(cmv:ModelVersion) | cmv.id][..10]}) AS others,
    collect(DISTINCT crun) AS otherRuns
}
// Notable events on the inference run and the control runs within the window.
CALL (p, run, otherRuns) {
  UNWIND [run] + [other IN otherRuns WHERE other <> run] AS r
  MATCH (r)<-[:DURING]-(e:Event)
  // Compared as epoch millis on purpose: a plain `e.at` range lets the planner start from the
  // Event(at) index under some statistics; a run's events are few, so expand from the run.
  WHERE e.type IN ['ERROR', 'WARNING', 'ALERT', 'DRIFT']
    AND abs(e.at.epochMillis - p.at.epochMillis) <= $windowMinutes * 60000
  WITH r, e ORDER BY e.at, e.id LIMIT 200
  RETURN collect(e {.id, .type, .at, .message, .details, runId: r.id}) AS events
}
RETURN p {.id, .requestId, .subjectKey, .at, .inputs, .output, .score, .attributions, .createdAt} AS prediction,
  run {.id, .kind, .status, .startedAt, .endedAt, .params, .codeVersion, .engine, .engineVersion, .host, .environment} AS run,
  node {.id, .name, .role, .engine, .codeRepo} AS pipelineNode,
  instance {.id, .startedAt, .endedAt, .status} AS instance,
  ion {.id, .name, .version, .description} AS ion,
  models, deployments, others, events
