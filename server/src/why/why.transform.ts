/**
 * Pure mapping of the `why/explain` row to the answer: JSON blobs parsed, ensembles nested,
 * the deployment and control chosen, reproducibility judged and the drawable subgraph built.
 */
import type {
  WhyAnswer,
  WhyApproval,
  WhyAttribution,
  WhyControl,
  WhyDeployment,
  WhyModel,
  WhyPipelineNode,
  WhyReproducibility,
  WhySubgraph,
  WhyTraining,
} from './why.types';

type Obj = Record<string, unknown>;
type Nullable<T> = T | null;

interface DatasetVersionRow {
  id: string;
  version: Nullable<string>;
  digest: Nullable<string>;
  rowCount: Nullable<number>;
  dataset: Nullable<{ id: string; name: Nullable<string>; classification: Nullable<string>; uri?: Nullable<string>; owner?: Nullable<string> }>;
}

interface TrainingRow {
  id: string;
  status: Nullable<string>;
  startedAt: Nullable<string>;
  endedAt: Nullable<string>;
  params: Nullable<string>;
  codeVersion: Nullable<string>;
  engine: Nullable<string>;
  engineVersion: Nullable<string>;
  host: Nullable<string>;
  environment: Nullable<string>;
  searchGroupId: Nullable<string>;
  purpose: Nullable<string>;
  evaluations: Array<{ name: Nullable<string>; stats: Nullable<string> }>;
  pipelineNode: Nullable<WhyPipelineNode>;
  triggeredBy: Nullable<{ id: string; name: Nullable<string>; kind: Nullable<string> }>;
  datasetVersions: DatasetVersionRow[];
  features: Array<{ id: string; name: Nullable<string>; dtype: Nullable<string>; classification: Nullable<string>; transform: Nullable<string>; datasetIds: string[] }>;
  siblings: Array<{
    id: string;
    status: Nullable<string>;
    startedAt: Nullable<string>;
    params: Nullable<string>;
    codeVersion: Nullable<string>;
    produced: Array<{ id: string; metrics: Nullable<string> }>;
    evaluations: Array<{ name: Nullable<string>; stats: Nullable<string> }>;
  }>;
}

interface ApprovalRow {
  id: string;
  decision: string;
  at: string;
  comment: Nullable<string>;
  policyRunId: Nullable<string>;
  reviewer: WhyApproval['reviewer'];
  ion: WhyApproval['ion'];
}

interface ModelRow {
  id: string;
  name: Nullable<string>;
  version: Nullable<string>;
  algorithm: Nullable<string>;
  framework: Nullable<string>;
  format: Nullable<string>;
  artifactUri: Nullable<string>;
  digest: Nullable<string>;
  hyperparameters: Nullable<string>;
  metrics: Nullable<string>;
  status: Nullable<string>;
  createdAt: Nullable<string>;
  ensembleId: Nullable<string>;
  weight: Nullable<number>;
  model: Nullable<{ id: string; name: Nullable<string> }>;
  uploadedBy: WhyModel['uploadedBy'];
  training: Nullable<TrainingRow>;
  approvals: ApprovalRow[];
}

interface OtherPredictionRow {
  id: string;
  output: string;
  score: Nullable<number>;
  at: Nullable<string>;
  run: Nullable<{ id: string }>;
  pipelineNode: Nullable<WhyPipelineNode>;
  modelVersionIds: string[];
}

/** The one row `why/explain` returns. */
export interface ExplainRow {
  prediction: { id: string; requestId: string; subjectKey: string; at: string; inputs: Nullable<string>; output: string; score: Nullable<number>; attributions: Nullable<string> };
  run: Obj & { id: string };
  pipelineNode: Nullable<WhyPipelineNode>;
  instance: WhyAnswer['ionInstance'];
  ion: WhyAnswer['ion'];
  models: ModelRow[];
  deployments: WhyDeployment[];
  others: OtherPredictionRow[];
  events: Array<{ id: string; type: string; at: string; message: Nullable<string>; details: Nullable<string>; runId: string }>;
}

/** JSON blobs are stored as strings; a malformed one is returned as the raw text rather than lost. */
export function parseJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Attributions as recorded, strongest first (ingest sorts them too; older data may not be). */
export function sortAttributions(raw: unknown): WhyAttribution[] {
  const parsed = parseJson(raw);
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((a): a is WhyAttribution => typeof a === 'object' && a !== null && typeof a.feature === 'string' && typeof a.contribution === 'number')
    .map((a) => ({ feature: a.feature, contribution: a.contribution }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature));
}

function toTraining(row: TrainingRow | null): WhyTraining | null {
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    params: parseJson(row.params),
    codeVersion: row.codeVersion,
    engine: row.engine,
    engineVersion: row.engineVersion,
    host: row.host,
    environment: parseJson(row.environment),
    searchGroupId: row.searchGroupId,
    purpose: row.purpose,
    pipelineNode: row.pipelineNode,
    triggeredBy: row.triggeredBy,
    evaluation: row.evaluations.length ? parseJson(row.evaluations[0]!.stats) : null,
    datasetVersions: row.datasetVersions.slice().sort((a, b) => a.id.localeCompare(b.id)),
    features: row.features.slice().sort((a, b) => a.id.localeCompare(b.id)),
    searchSiblings: row.siblings
      .map((sibling) => ({
        id: sibling.id,
        status: sibling.status,
        startedAt: sibling.startedAt,
        params: parseJson(sibling.params),
        codeVersion: sibling.codeVersion,
        producedModelVersionIds: sibling.produced.map((mv) => mv.id),
        metrics: parseJson(sibling.produced[0]?.metrics ?? null),
        evaluation: sibling.evaluations.length ? parseJson(sibling.evaluations[0]!.stats) : null,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function toModel(row: ModelRow, members: WhyModel[]): WhyModel {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    modelId: row.model?.id ?? null,
    modelName: row.model?.name ?? null,
    algorithm: row.algorithm,
    framework: row.framework,
    format: row.format,
    artifactUri: row.artifactUri,
    digest: row.digest,
    hyperparameters: parseJson(row.hyperparameters),
    metrics: parseJson(row.metrics),
    status: row.status,
    createdAt: row.createdAt,
    weight: row.ensembleId === null ? null : row.weight,
    uploadedBy: row.uploadedBy,
    training: toTraining(row.training),
    approvals: row.approvals
      .map((a) => ({ ...a }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
    members,
  };
}

/** Used versions at the top, each ensemble with its members (by id). */
export function nestModels(rows: readonly ModelRow[]): WhyModel[] {
  const used = rows.filter((row) => row.ensembleId === null);
  return used
    .map((top) =>
      toModel(
        top,
        rows.filter((row) => row.ensembleId === top.id).map((row) => toModel(row, [])).sort((a, b) => a.id.localeCompare(b.id)),
      ),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Every model of the answer, ensembles and members, once each. */
export function flattenModels(models: readonly WhyModel[]): WhyModel[] {
  const seen = new Map<string, WhyModel>();
  const visit = (model: WhyModel) => {
    if (!seen.has(model.id)) seen.set(model.id, model);
    model.members.forEach(visit);
  };
  models.forEach(visit);
  return [...seen.values()];
}

const INGREDIENTS = ['codeVersion', 'params', 'environment', 'dataDigests', 'artifactDigest'] as const;

function present(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  return true;
}

/**
 * Which ingredients of a rebuild are recorded for one model version. Params count from the
 * training run or, for uploaded models, the version's hyperparameters; data digests need at
 * least one dataset version read, each with a digest.
 */
export function reproducibilityOf(model: WhyModel): WhyReproducibility {
  const training = model.training;
  const has: Record<(typeof INGREDIENTS)[number], boolean> = {
    codeVersion: present(training?.codeVersion),
    params: present(training?.params) || present(model.hyperparameters),
    environment: present(training?.environment),
    dataDigests: (training?.datasetVersions.length ?? 0) > 0 && training!.datasetVersions.every((dv) => present(dv.digest)),
    artifactDigest: present(model.digest),
  };
  const recorded = INGREDIENTS.filter((key) => has[key]);
  const missing = INGREDIENTS.filter((key) => !has[key]);
  return { modelVersionId: model.id, recorded, missing, complete: missing.length === 0 };
}

/** The deployment of a used model first, then PRIMARY, then the latest. */
export function chooseDeployment(deployments: readonly WhyDeployment[], usedIds: ReadonlySet<string>): WhyDeployment | null {
  const byFrom = deployments.slice().sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''));
  return (
    byFrom.find((d) => d.modelVersionId !== null && usedIds.has(d.modelVersionId)) ??
    byFrom.find((d) => d.role === 'PRIMARY') ??
    byFrom[0] ??
    null
  );
}

/** The control pipeline's prediction of the same request: a CONTROL node first, else any other. */
export function chooseControl(others: readonly OtherPredictionRow[], output: string): WhyControl | null {
  const sorted = others.slice().sort((a, b) => a.id.localeCompare(b.id));
  const chosen = sorted.find((o) => o.pipelineNode?.role === 'CONTROL') ?? sorted[0];
  if (!chosen) return null;
  return {
    predictionId: chosen.id,
    output: chosen.output,
    score: chosen.score,
    at: chosen.at,
    modelVersionIds: chosen.modelVersionIds.slice().sort(),
    runId: chosen.run?.id ?? null,
    pipelineNode: chosen.pipelineNode,
    differs: chosen.output !== output,
  };
}

/** Nodes and stored relationships of the answer, deduplicated, for a client to draw. */
export function buildSubgraph(answer: Omit<WhyAnswer, 'subgraph'>): WhySubgraph {
  const nodes = new Map<string, WhySubgraph['nodes'][number]>();
  const edges = new Map<string, WhySubgraph['edges'][number]>();
  const node = (id: string | null | undefined, type: string, label: string | null | undefined) => {
    if (id && !nodes.has(id)) nodes.set(id, { id, type, label: label || id });
  };
  const edge = (source: string | null | undefined, type: string, target: string | null | undefined) => {
    if (source && target) edges.set(`${source}|${type}|${target}`, { source, target, type });
  };
  const { prediction: p, inferenceRun: run } = answer;
  node(p.id, 'Prediction', `${p.subjectKey} → ${p.output}`);
  node(run.id, 'Run', `${run.kind ?? 'Run'} ${run.id}`);
  edge(p.id, 'MADE_BY', run.id);
  if (run.pipelineNode) {
    node(run.pipelineNode.id, 'PipelineNode', run.pipelineNode.name);
    edge(run.id, 'OF_NODE', run.pipelineNode.id);
  }
  node(answer.ionInstance?.id, 'IONInstance', answer.ionInstance?.id);
  edge(run.id, 'IN_INSTANCE', answer.ionInstance?.id);
  node(answer.ion?.id, 'ION', answer.ion?.name);
  edge(answer.ionInstance?.id, 'INSTANCE_OF', answer.ion?.id);
  if (!answer.ionInstance) edge(answer.ion?.id, 'HAS_NODE', run.pipelineNode?.id);
  for (const model of answer.models) edge(p.id, 'USED', model.id);
  for (const model of flattenModels(answer.models)) {
    node(model.id, 'ModelVersion', model.name ?? model.version);
    for (const member of model.members) edge(model.id, 'HAS_MEMBER', member.id);
    node(model.modelId, 'Model', model.modelName);
    edge(model.id, 'VERSION_OF', model.modelId);
    const training = model.training;
    if (training) {
      node(training.id, 'Run', `TRAINING ${training.id}`);
      edge(training.id, 'PRODUCED', model.id);
      for (const dv of training.datasetVersions) {
        node(dv.id, 'DatasetVersion', dv.version ? `${dv.dataset?.name ?? dv.id} ${dv.version}` : dv.id);
        edge(training.id, 'READ', dv.id);
        node(dv.dataset?.id, 'Dataset', dv.dataset?.name);
        edge(dv.id, 'VERSION_OF', dv.dataset?.id);
      }
      for (const feature of training.features) {
        node(feature.id, 'Feature', feature.name);
        edge(training.id, 'USED_FEATURE', feature.id);
      }
    }
    for (const approval of model.approvals) {
      node(approval.id, 'Approval', `${approval.decision} ${approval.id}`);
      edge(approval.id, 'REVIEWS', model.id);
      node(approval.reviewer?.id, 'Principal', approval.reviewer?.name);
      edge(approval.reviewer?.id, 'DECIDED', approval.id);
      node(approval.ion?.id, 'ION', approval.ion?.name);
      edge(approval.id, 'FOR_ION', approval.ion?.id);
    }
  }
  for (const deployment of answer.deployments) {
    node(deployment.id, 'Deployment', `${deployment.role ?? 'Deployment'} ${deployment.id}`);
    edge(deployment.id, 'TO_NODE', run.pipelineNode?.id);
    if (deployment.modelVersionId && nodes.has(deployment.modelVersionId)) edge(deployment.id, 'DEPLOYS', deployment.modelVersionId);
    if (deployment.approvalId && nodes.has(deployment.approvalId)) edge(deployment.id, 'AUTHORIZED_BY', deployment.approvalId);
  }
  const control = answer.control;
  if (control) {
    node(control.predictionId, 'Prediction', `control → ${control.output}`);
    node(control.runId, 'Run', `CONTROL ${control.runId}`);
    edge(control.predictionId, 'MADE_BY', control.runId);
    if (control.pipelineNode) {
      node(control.pipelineNode.id, 'PipelineNode', control.pipelineNode.name);
      edge(control.runId, 'OF_NODE', control.pipelineNode.id);
    }
    for (const id of control.modelVersionIds) {
      node(id, 'ModelVersion', id);
      edge(control.predictionId, 'USED', id);
    }
  }
  for (const event of answer.events) {
    node(event.id, 'Event', `${event.type}: ${event.message ?? event.id}`);
    edge(event.id, 'DURING', event.runId);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** The whole answer from the query's row. */
export function toWhyAnswer(row: ExplainRow): WhyAnswer {
  const models = nestModels(row.models);
  const usedIds = new Set(models.map((model) => model.id));
  const reproducibility = flattenModels(models).map(reproducibilityOf);
  const r = row.run;
  const text = (key: string) => (typeof r[key] === 'string' ? (r[key] as string) : null);
  const answer: Omit<WhyAnswer, 'subgraph'> = {
    prediction: {
      id: row.prediction.id,
      requestId: row.prediction.requestId,
      subjectKey: row.prediction.subjectKey,
      at: row.prediction.at,
      inputs: parseJson(row.prediction.inputs),
      output: row.prediction.output,
      score: row.prediction.score,
      attributions: sortAttributions(row.prediction.attributions),
    },
    inferenceRun: {
      id: r.id,
      kind: text('kind'),
      status: text('status'),
      startedAt: text('startedAt'),
      endedAt: text('endedAt'),
      params: parseJson(r.params),
      codeVersion: text('codeVersion'),
      engine: text('engine'),
      engineVersion: text('engineVersion'),
      host: text('host'),
      environment: parseJson(r.environment),
      pipelineNode: row.pipelineNode,
    },
    ionInstance: row.instance,
    ion: row.ion,
    models,
    deployment: chooseDeployment(row.deployments, usedIds),
    deployments: row.deployments,
    control: chooseControl(row.others, row.prediction.output),
    events: row.events
      .map((event) => ({ ...event, details: parseJson(event.details) }))
      .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
    reproducibility,
    reproducible: reproducibility.length > 0 && reproducibility.every((item) => item.complete),
  };
  return { ...answer, subgraph: buildSubgraph(answer) };
}
