/**
 * Pure mapping of the `why/explain` row to the answer: JSON blobs parsed, ensembles nested,
 * the deployment and control chosen, and reproducibility judged.
 */
import { dataQualityOf } from '../quality/data-quality';
import type { ExplainRow, ModelRow, OtherPredictionRow, TrainingRow } from './why.rows';
import { buildSubgraph, flattenModels } from './why.subgraph';
import type { WhyAnswer, WhyAttribution, WhyControl, WhyDeployment, WhyModel, WhyReproducibility, WhyTraining } from './why.types';
import { parseStoredJson as parseJson } from '../store/stored-json';
export type { ExplainRow } from './why.rows';
export { buildSubgraph, flattenModels } from './why.subgraph';

export { parseStoredJson as parseJson } from '../store/stored-json';

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
    datasetVersions: row.datasetVersions
      .slice()
      .sort((a, b) => a.id.localeCompare(b.id))
      .map(({ qualityMetrics, qualityAssertions, ...dv }) => ({ ...dv, quality: dataQualityOf(qualityMetrics, qualityAssertions) })),
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
    approvals: row.approvals.map((a) => ({ ...a })).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
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
        rows
          .filter((row) => row.ensembleId === top.id)
          .map((row) => toModel(row, []))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
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
  return byFrom.find((d) => d.modelVersionId !== null && usedIds.has(d.modelVersionId)) ?? byFrom.find((d) => d.role === 'PRIMARY') ?? byFrom[0] ?? null;
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
      masked: false,
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
    events: row.events.map((event) => ({ ...event, details: parseJson(event.details) })).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id)),
    reproducibility,
    reproducible: reproducibility.length > 0 && reproducibility.every((item) => item.complete),
  };
  return { ...answer, subgraph: buildSubgraph(answer) };
}
