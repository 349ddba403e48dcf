/**
 * A small but complete ION chain as one valid `IngestBundle`: who did what, the ION and its
 * run, data and features, training, models (one an ensemble), governance and serving. Every id
 * starts with the caller's prefix, so tests sharing one database never see each other's data.
 */
import type { IngestBundle, PredictionInput } from '@ion-lineage/contract';

/** The ids of a chain bundle, for assertions and for building further items on it. */
export function chainIds(prefix: string) {
  const id = (local: string) => `${prefix}.${local}`;
  return {
    alice: id('principal.alice'),
    bob: id('principal.bob'),
    scheduler: id('principal.scheduler'),
    ion: id('ion.ct-triage'),
    nodes: { training: id('node.train'), policy: id('node.policy'), inference: id('node.infer'), control: id('node.control') },
    instance: id('instance.1'),
    datasets: { ehr: id('dataset.ehr'), census: id('dataset.census') },
    datasetVersions: { ehr: id('dsv.ehr.v1'), census: id('dsv.census.v1') },
    features: { age: id('feature.age'), bmi: id('feature.bmi'), income: id('feature.income') },
    models: { gbm: id('model.gbm'), logreg: id('model.logreg'), ensemble: id('model.ensemble') },
    runs: { training: id('run.train.1'), policy: id('run.policy.1'), inference: id('run.infer.1'), control: id('run.control.1') },
    stages: { load: id('stage.load'), features: id('stage.features'), fit: id('stage.fit') },
    modelVersions: { gbm: id('mv.gbm.1'), logreg: id('mv.logreg.1'), ensemble: id('mv.ensemble.1') },
    approvals: { approve: id('approval.ensemble'), reject: id('rejection.logreg') },
    deployments: { primary: id('deployment.primary'), control: id('deployment.control') },
    predictions: { primary: id('prediction.primary.1'), control: id('prediction.control.1') },
    requestId: id('request.1'),
    events: { drift: id('event.drift'), error: id('event.error') },
  };
}

export type ChainIds = ReturnType<typeof chainIds>;

/** A valid bundle of every part (15 of 15), referring only to items inside itself. */
export function chainBundle(prefix: string): IngestBundle {
  const ids = chainIds(prefix);
  return {
    principals: [
      { id: ids.alice, name: 'Alice Analyst', kind: 'HUMAN', email: 'alice@example.org' },
      { id: ids.bob, name: 'Bob Reviewer', kind: 'HUMAN' },
      { id: ids.scheduler, name: 'airflow-scheduler', kind: 'SERVICE' },
    ],
    ions: [
      {
        id: ids.ion,
        name: 'CT triage',
        version: '1.0.0',
        description: 'Decides whether a patient gets a CT scan.',
        definition: {
          nodes: [
            { id: ids.nodes.training, name: 'train', role: 'TRAINING', engine: 'spark', codeRepo: 'git@example.org:ml/train.git' },
            { id: ids.nodes.policy, name: 'approve', role: 'POLICY' },
            { id: ids.nodes.inference, name: 'score', role: 'INFERENCE', engine: 'onnxruntime' },
            { id: ids.nodes.control, name: 'score-control', role: 'CONTROL', engine: 'onnxruntime' },
          ],
          edges: [
            { from: ids.nodes.training, to: ids.nodes.policy, message: 'MODEL' },
            { from: ids.nodes.policy, to: ids.nodes.inference, message: 'MODEL' },
            { from: ids.nodes.policy, to: ids.nodes.control, message: 'MODEL' },
            { from: ids.nodes.inference, to: ids.nodes.policy, message: 'EVENT' },
          ],
          policy: { metric: 'auc', minimum: 0.8, requiresApproval: true },
        },
      },
    ],
    ionInstances: [{ id: ids.instance, ionId: ids.ion, startedAt: '2026-03-01T00:00:00Z', status: 'RUNNING' }],
    datasets: [
      { id: ids.datasets.ehr, name: 'EHR extract', uri: 's3://lake/ehr', classification: 'PHI', owner: 'records', schema: { columns: ['age', 'bmi'] } },
      { id: ids.datasets.census, name: 'Census tracts', classification: 'PUBLIC' },
    ],
    datasetVersions: [
      {
        id: ids.datasetVersions.ehr,
        datasetId: ids.datasets.ehr,
        version: '2026-02',
        digest: 'sha256:aaa',
        rowCount: 120_000,
        createdAt: '2026-02-28T12:00:00Z',
      },
      { id: ids.datasetVersions.census, datasetId: ids.datasets.census, version: '2020', digest: 'sha256:bbb' },
    ],
    features: [
      { id: ids.features.age, name: 'age', dtype: 'int', classification: 'PHI', derivedFromDatasetIds: [ids.datasets.ehr] },
      { id: ids.features.bmi, name: 'bmi', dtype: 'float', classification: 'PHI', transform: 'weight / height^2', derivedFromDatasetIds: [ids.datasets.ehr] },
      {
        id: ids.features.income,
        name: 'tract income',
        dtype: 'float',
        classification: 'PUBLIC',
        derivedFromDatasetIds: [ids.datasets.census, ids.datasets.ehr],
      },
    ],
    models: [
      { id: ids.models.gbm, name: 'ct-gbm' },
      { id: ids.models.logreg, name: 'ct-logreg', description: 'Baseline' },
      { id: ids.models.ensemble, name: 'ct-ensemble' },
    ],
    runs: [
      {
        id: ids.runs.training,
        pipelineNodeId: ids.nodes.training,
        instanceId: ids.instance,
        kind: 'TRAINING',
        startedAt: '2026-03-01T01:00:00Z',
        endedAt: '2026-03-01T02:00:00Z',
        status: 'COMPLETED',
        params: { learningRate: 0.1, depth: 6 },
        codeVersion: 'abc123',
        engine: 'spark',
        engineVersion: '3.5.1',
        triggeredById: ids.scheduler,
        purpose: 'Train the CT triage model on consented records',
        readDatasetVersionIds: [ids.datasetVersions.ehr, ids.datasetVersions.census],
        usedFeatureIds: [ids.features.age, ids.features.bmi, ids.features.income],
      },
      {
        id: ids.runs.policy,
        pipelineNodeId: ids.nodes.policy,
        instanceId: ids.instance,
        kind: 'POLICY',
        startedAt: '2026-03-01T03:00:00Z',
        status: 'COMPLETED',
      },
      {
        id: ids.runs.inference,
        pipelineNodeId: ids.nodes.inference,
        instanceId: ids.instance,
        kind: 'INFERENCE',
        startedAt: '2026-03-02T00:00:00Z',
        status: 'RUNNING',
      },
      {
        id: ids.runs.control,
        pipelineNodeId: ids.nodes.control,
        instanceId: ids.instance,
        kind: 'CONTROL',
        startedAt: '2026-03-02T00:00:00Z',
        status: 'RUNNING',
      },
    ],
    stages: [
      // `load` feeds a stage that comes later in the same batch.
      { id: ids.stages.load, runId: ids.runs.training, name: 'load', type: 'source', feedsStageIds: [ids.stages.features], stats: { rows: 120_000 } },
      { id: ids.stages.features, runId: ids.runs.training, name: 'features', type: 'transform', feedsStageIds: [ids.stages.fit] },
      { id: ids.stages.fit, runId: ids.runs.training, name: 'fit', type: 'estimator' },
    ],
    modelVersions: [
      // The ensemble comes first: its members are later in the same batch.
      {
        id: ids.modelVersions.ensemble,
        modelId: ids.models.ensemble,
        version: '1',
        algorithm: 'weighted-average',
        format: 'OPAQUE',
        status: 'APPROVED',
        producedByRunId: ids.runs.training,
        metrics: { auc: 0.86 },
        members: [
          { modelVersionId: ids.modelVersions.gbm, weight: 0.7 },
          { modelVersionId: ids.modelVersions.logreg, weight: 0.3 },
        ],
      },
      {
        id: ids.modelVersions.gbm,
        modelId: ids.models.gbm,
        version: '1',
        algorithm: 'xgboost',
        framework: 'xgboost 2.0',
        format: 'ONNX',
        artifactUri: 's3://models/gbm/1.onnx',
        digest: 'sha256:ccc',
        hyperparameters: { depth: 6 },
        metrics: { auc: 0.84 },
        inputSchema: { age: 'int', bmi: 'float' },
        outputSchema: { score: 'float' },
        status: 'APPROVED',
        producedByRunId: ids.runs.training,
        createdAt: '2026-03-01T02:00:00Z',
      },
      {
        id: ids.modelVersions.logreg,
        modelId: ids.models.logreg,
        version: '1',
        algorithm: 'logistic-regression',
        format: 'PMML',
        status: 'REJECTED',
        uploadedById: ids.alice,
      },
    ],
    approvals: [
      {
        id: ids.approvals.approve,
        modelVersionId: ids.modelVersions.ensemble,
        ionId: ids.ion,
        principalId: ids.bob,
        decision: 'APPROVED',
        at: '2026-03-01T03:30:00Z',
        comment: 'AUC above 0.8',
        policyRunId: ids.runs.policy,
      },
      {
        id: ids.approvals.reject,
        modelVersionId: ids.modelVersions.logreg,
        ionId: ids.ion,
        principalId: ids.bob,
        decision: 'REJECTED',
        at: '2026-03-01T03:31:00Z',
        comment: 'AUC too low',
      },
    ],
    deployments: [
      {
        id: ids.deployments.primary,
        modelVersionId: ids.modelVersions.ensemble,
        pipelineNodeId: ids.nodes.inference,
        role: 'PRIMARY',
        from: '2026-03-01T04:00:00Z',
        approvalId: ids.approvals.approve,
      },
      {
        id: ids.deployments.control,
        modelVersionId: ids.modelVersions.gbm,
        pipelineNodeId: ids.nodes.control,
        role: 'CONTROL',
        from: '2026-03-01T04:00:00Z',
        to: '2026-04-01T00:00:00Z',
      },
    ],
    modelLoads: [
      { runId: ids.runs.inference, modelVersionId: ids.modelVersions.ensemble, at: '2026-03-02T00:00:05Z' },
      { runId: ids.runs.control, modelVersionId: ids.modelVersions.gbm, at: '2026-03-02T00:00:06Z' },
    ],
    predictions: [
      {
        id: ids.predictions.primary,
        runId: ids.runs.inference,
        requestId: ids.requestId,
        subjectKey: 'patient-42',
        at: '2026-03-02T09:15:00Z',
        inputs: { age: 67, bmi: 31.2, income: 41_000 },
        output: 'CT_SCAN',
        score: 0.91,
        attributions: [
          { feature: 'bmi', contribution: 0.12 },
          { feature: 'age', contribution: 0.31 },
        ],
        modelVersionIds: [ids.modelVersions.ensemble, ids.modelVersions.gbm, ids.modelVersions.logreg],
      },
      {
        id: ids.predictions.control,
        runId: ids.runs.control,
        requestId: ids.requestId,
        subjectKey: 'patient-42',
        at: '2026-03-02T09:15:00.250Z',
        output: 'NO_SCAN',
        score: 0.44,
        modelVersionIds: [ids.modelVersions.gbm],
      },
    ],
    events: [
      {
        id: ids.events.drift,
        runId: ids.runs.inference,
        type: 'DRIFT',
        at: '2026-03-02T10:00:00Z',
        message: 'bmi distribution shifted',
        details: { psi: 0.27 },
      },
      { id: ids.events.error, runId: ids.runs.control, type: 'ERROR', at: '2026-03-02T09:15:01Z', message: 'feature store timeout' },
    ],
  };
}

/**
 * `count` predictions on the chain's inference run and ensemble, ids `<prefix>.<tag>.<i>`.
 * The contents vary per item so the batch looks like real traffic.
 */
export function predictionBatch(chain: ChainIds, tag: string, count: number): PredictionInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${chain.predictions.primary}.${tag}.${i}`,
    runId: chain.runs.inference,
    requestId: `${chain.requestId}.${tag}.${i}`,
    subjectKey: `patient-${i % 997}`,
    at: new Date(Date.UTC(2026, 2, 3) + i * 1000).toISOString(),
    inputs: { age: 20 + (i % 70), bmi: 18 + (i % 20) / 2 },
    output: i % 3 === 0 ? 'CT_SCAN' : 'NO_SCAN',
    score: (i % 100) / 100,
    attributions: [{ feature: 'age', contribution: ((i % 7) - 3) / 10 }],
    modelVersionIds: [chain.modelVersions.ensemble],
  }));
}

/** Nodes per label that `chainBundle` creates. */
export const CHAIN_LABEL_COUNTS: Record<string, number> = {
  Principal: 3,
  ION: 1,
  PipelineNode: 4,
  IONInstance: 1,
  Dataset: 2,
  DatasetVersion: 2,
  Feature: 3,
  Model: 3,
  Run: 4,
  Stage: 3,
  ModelVersion: 3,
  Approval: 2,
  Deployment: 2,
  Prediction: 2,
  Event: 2,
};

/** Every relationship `chainBundle` creates, in the form `relationshipLines` reads back. */
export function chainRelationships(prefix: string): string[] {
  const ids = chainIds(prefix);
  const { nodes, runs, modelVersions: mv, datasets: ds, datasetVersions: dsv, features: f } = ids;
  const rel = (from: string, type: string, to: string) => `${from} -${type}-> ${to}`;
  return [
    ...Object.values(nodes).map((node) => rel(ids.ion, 'HAS_NODE', node)),
    rel(nodes.training, 'SENDS{message=MODEL}', nodes.policy),
    rel(nodes.policy, 'SENDS{message=MODEL}', nodes.inference),
    rel(nodes.policy, 'SENDS{message=MODEL}', nodes.control),
    rel(nodes.inference, 'SENDS{message=EVENT}', nodes.policy),
    rel(ids.instance, 'INSTANCE_OF', ids.ion),
    rel(dsv.ehr, 'VERSION_OF', ds.ehr),
    rel(dsv.census, 'VERSION_OF', ds.census),
    rel(f.age, 'DERIVED_FROM', ds.ehr),
    rel(f.bmi, 'DERIVED_FROM', ds.ehr),
    rel(f.income, 'DERIVED_FROM', ds.census),
    rel(f.income, 'DERIVED_FROM', ds.ehr),
    rel(runs.training, 'OF_NODE', nodes.training),
    rel(runs.policy, 'OF_NODE', nodes.policy),
    rel(runs.inference, 'OF_NODE', nodes.inference),
    rel(runs.control, 'OF_NODE', nodes.control),
    ...Object.values(runs).map((run) => rel(run, 'IN_INSTANCE', ids.instance)),
    rel(runs.training, 'TRIGGERED_BY', ids.scheduler),
    rel(runs.training, 'READ', dsv.ehr),
    rel(runs.training, 'READ', dsv.census),
    ...Object.values(f).map((feature) => rel(runs.training, 'USED_FEATURE', feature)),
    ...Object.values(ids.stages).map((stage) => rel(runs.training, 'HAS_STAGE', stage)),
    rel(ids.stages.load, 'FEEDS', ids.stages.features),
    rel(ids.stages.features, 'FEEDS', ids.stages.fit),
    rel(mv.gbm, 'VERSION_OF', ids.models.gbm),
    rel(mv.logreg, 'VERSION_OF', ids.models.logreg),
    rel(mv.ensemble, 'VERSION_OF', ids.models.ensemble),
    rel(runs.training, 'PRODUCED', mv.ensemble),
    rel(runs.training, 'PRODUCED', mv.gbm),
    rel(mv.logreg, 'UPLOADED_BY', ids.alice),
    rel(mv.ensemble, 'HAS_MEMBER{weight=0.7}', mv.gbm),
    rel(mv.ensemble, 'HAS_MEMBER{weight=0.3}', mv.logreg),
    rel(ids.bob, 'DECIDED', ids.approvals.approve),
    rel(ids.bob, 'DECIDED', ids.approvals.reject),
    rel(ids.approvals.approve, 'REVIEWS', mv.ensemble),
    rel(ids.approvals.reject, 'REVIEWS', mv.logreg),
    rel(ids.approvals.approve, 'FOR_ION', ids.ion),
    rel(ids.approvals.reject, 'FOR_ION', ids.ion),
    rel(ids.approvals.approve, 'BY_RUN', runs.policy),
    rel(ids.deployments.primary, 'DEPLOYS', mv.ensemble),
    rel(ids.deployments.primary, 'TO_NODE', nodes.inference),
    rel(ids.deployments.primary, 'AUTHORIZED_BY', ids.approvals.approve),
    rel(ids.deployments.control, 'DEPLOYS', mv.gbm),
    rel(ids.deployments.control, 'TO_NODE', nodes.control),
    rel(runs.inference, 'LOADED{at=2026-03-02T00:00:05Z}', mv.ensemble),
    rel(runs.control, 'LOADED{at=2026-03-02T00:00:06Z}', mv.gbm),
    rel(ids.predictions.primary, 'MADE_BY', runs.inference),
    rel(ids.predictions.primary, 'USED', mv.ensemble),
    rel(ids.predictions.primary, 'USED', mv.gbm),
    rel(ids.predictions.primary, 'USED', mv.logreg),
    rel(ids.predictions.control, 'MADE_BY', runs.control),
    rel(ids.predictions.control, 'USED', mv.gbm),
    rel(ids.events.drift, 'DURING', runs.inference),
    rel(ids.events.error, 'DURING', runs.control),
  ].sort();
}
