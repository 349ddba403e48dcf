/**
 * Daily training of the three member models: one hyperparameter search per pipeline and day
 * (siblings share `searchGroupId`), the best completed sibling produces the submitted version
 * (its siblings produce none), plus the planted ad-hoc run without a purpose (d).
 */
import type { JsonObject, ModelVersionInput, RunInput } from '@ion-lineage/contract';
import { forkRng, gitSha, round, sha256Hex, type Rng } from '../random';
import { MEMBER_KEYS, MODELS, type MemberKey } from './catalog';
import { MINUTE_MS, iso, type Clock } from './clock';
import { datasetVersionOn } from './datasets';
import { instanceIdForDay } from './ion';
import { MEMBER_PIPELINES, PHI_PURPOSE, triageOutputSchema, type MemberPipeline } from './members';
import { ADHOC_RUN, SEARCH_SIBLINGS, TRAINING_DAYS } from './plan';
import { stagesFor, type StageSpec } from './stages';
import type { FullBundle, GroundTruth } from './types';

/** A submitted member version, before review decides its status. */
export interface TrainedVersion {
  key: MemberKey;
  day: number;
  versionId: string;
  runId: string;
  auc: number;
  createdMs: number;
}

export interface TrainingResult {
  /** Scheduled versions in time order (reviewed by the member-review policy node). */
  submitted: TrainedVersion[];
  adhoc: TrainedVersion;
  searchGroups: GroundTruth['searchGroups'];
}

interface Ctx {
  base: FullBundle;
  clock: Clock;
  seed: number;
  rng: Rng;
}

function trainingStages(auc: number | null, params: JsonObject, rng: Rng, featureCount: number): StageSpec[] {
  const rowsIn = rng.int(180_000, 260_000);
  const rowsOut = rowsIn - rng.int(800, 6_000);
  const specs: StageSpec[] = [
    { name: 'load', type: 'extract', stats: { rows: rowsIn }, feeds: ['clean'] },
    { name: 'clean', type: 'transform', stats: { rowsIn, rowsOut, dropped: rowsIn - rowsOut }, feeds: ['featurize'] },
    {
      name: 'featurize',
      type: 'feature-engineering',
      stats: { features: featureCount, rows: rowsOut },
      feeds: auc === null ? ['train'] : ['train', 'evaluate'],
    },
  ];
  if (auc === null) {
    specs.push({ name: 'train', type: 'train', stats: { error: 'CUDA out of memory', params: { ...params } } });
  } else {
    specs.push({ name: 'train', type: 'train', stats: { loss: round(rng.range(0.25, 0.45)), seconds: rng.int(1_500, 7_000) }, feeds: ['evaluate'] });
    specs.push({ name: 'evaluate', type: 'evaluate', stats: { auc, accuracy: round(auc - rng.range(0.04, 0.08)), holdoutRows: Math.round(rowsOut * 0.2) } });
  }
  return specs;
}

/** Draws one run; returns its AUC (null when it failed) and end time. */
function addTrainingRun(
  ctx: Ctx,
  pipe: MemberPipeline,
  run: Omit<RunInput, 'pipelineNodeId' | 'kind' | 'status' | 'params'>,
  dayAuc: number,
  canFail: boolean,
): { auc: number | null; endMs: number; params: JsonObject } {
  const { rng, clock } = ctx;
  const params = pipe.params(rng);
  const failed = canFail && rng.chance(0.06);
  const auc = failed ? null : round(Math.min(0.95, dayAuc + rng.range(-0.015, 0.015)));
  const startMs = Date.parse(run.startedAt);
  const endMs = startMs + rng.int(failed ? 10 : 40, failed ? 30 : 150) * MINUTE_MS;
  const day = clock.dayOf(startMs);
  ctx.base.runs.push({
    ...run,
    pipelineNodeId: pipe.nodeId,
    kind: 'TRAINING',
    status: failed ? 'FAILED' : 'COMPLETED',
    endedAt: iso(endMs),
    params,
    codeVersion: gitSha(`${ctx.seed}:${pipe.nodeId}:week${Math.floor(day / 7)}`),
    engine: pipe.engine,
    engineVersion: pipe.engineVersion,
    host: rng.pick(pipe.hosts),
    environment: { ...pipe.environment },
    instanceId: instanceIdForDay(clock, day),
    readDatasetVersionIds: pipe.reads.map((key) => datasetVersionOn(clock, key, day)),
    usedFeatureIds: [...pipe.featureIds],
  });
  ctx.base.stages.push(...stagesFor(run.id, trainingStages(auc, params, rng, pipe.featureIds.length)));
  return { auc, endMs, params };
}

function addMemberVersion(ctx: Ctx, key: MemberKey, id: string, version: string, runId: string, auc: number, createdMs: number, params: JsonObject): void {
  const spec = MODELS[key];
  const mv: ModelVersionInput = {
    id,
    modelId: spec.id,
    version,
    algorithm: spec.algorithm,
    framework: spec.framework,
    format: spec.format,
    artifactUri: `s3://stmarys-models/${spec.name}/${version}/model.${spec.format === 'ONNX' ? 'onnx' : 'pmml'}`,
    digest: `sha256:${sha256Hex(`${ctx.seed}:${id}:artifact`)}`,
    hyperparameters: { ...params },
    metrics: { auc, accuracy: round(auc - ctx.rng.range(0.04, 0.08)), f1: round(auc - ctx.rng.range(0.06, 0.12)) },
    inputSchema: { features: [...MEMBER_PIPELINES[key].featureIds] },
    outputSchema: triageOutputSchema(),
    status: 'CANDIDATE',
    producedByRunId: runId,
    createdAt: iso(createdMs),
  };
  ctx.base.modelVersions.push(mv);
}

/** Adds every member training run, stage and version; statuses are set later by review. */
export function addTraining(base: FullBundle, clock: Clock, seed: number): TrainingResult {
  const ctx: Ctx = { base, clock, seed, rng: forkRng(seed, 'training') };
  const submitted: TrainedVersion[] = [];
  const searchGroups: GroundTruth['searchGroups'] = [];
  for (let day = 0; day < TRAINING_DAYS; day++) {
    for (const key of MEMBER_KEYS) {
      const pipe = MEMBER_PIPELINES[key];
      // Day 0 is kept above the gate so the first ensemble has an approved version of each member.
      const drawn = pipe.auc.mean + ctx.rng.range(-pipe.auc.spread, pipe.auc.spread);
      const dayAuc = day === 0 ? Math.max(drawn, 0.83) : drawn;
      const groupId = `sg-train-${key}-${clock.dateTag(day)}`;
      const runIds: string[] = [];
      let best: { runId: string; auc: number; endMs: number; params: JsonObject } | null = null;
      for (let k = 1; k <= SEARCH_SIBLINGS; k++) {
        const runId = `run-train-${key}-${clock.dateTag(day)}-t${k}`;
        runIds.push(runId);
        const run = {
          id: runId,
          startedAt: clock.iso(day, pipe.startHour, (k - 1) * 7),
          triggeredById: 'prn-svc-scheduler',
          searchGroupId: groupId,
          purpose: PHI_PURPOSE,
        };
        // The first sibling never fails, so every search has a winner.
        const result = addTrainingRun(ctx, pipe, run, dayAuc, k > 1);
        if (result.auc !== null && (best === null || result.auc > best.auc)) best = { runId, auc: result.auc, endMs: result.endMs, params: result.params };
      }
      if (!best) throw new Error('unreachable: first sibling always completes');
      const n = day + 1;
      const versionId = `mv-${MODELS[key].name}-v${n}`;
      // The artifact is registered a few minutes after the run ends.
      const createdMs = best.endMs + 5 * MINUTE_MS;
      addMemberVersion(ctx, key, versionId, `${n}.0`, best.runId, best.auc, createdMs, best.params);
      submitted.push({ key, day, versionId, runId: best.runId, auc: best.auc, createdMs });
      searchGroups.push({ searchGroupId: groupId, runIds, bestRunId: best.runId, modelVersionId: versionId });
    }
  }
  return { submitted, adhoc: addAdhoc(ctx), searchGroups };
}

/** Planted (d): a manual labs retrain on PHI with no purpose and no search group. */
function addAdhoc(ctx: Ctx): TrainedVersion {
  const { clock } = ctx;
  const pipe = MEMBER_PIPELINES[ADHOC_RUN.member];
  const runId = `run-train-${pipe.key}-${clock.dateTag(ADHOC_RUN.day)}-adhoc`;
  const run = { id: runId, startedAt: clock.iso(ADHOC_RUN.day, ADHOC_RUN.hour), triggeredById: ADHOC_RUN.triggeredById };
  const result = addTrainingRun(ctx, pipe, run, 0.84, false);
  const auc = result.auc ?? 0.84;
  const n = ADHOC_RUN.day + 1;
  const versionId = `mv-${MODELS[pipe.key].name}-v${n}-adhoc`;
  const createdMs = result.endMs + 5 * MINUTE_MS;
  addMemberVersion(ctx, pipe.key, versionId, `${n}.1`, runId, auc, createdMs, result.params);
  return { key: pipe.key, day: ADHOC_RUN.day, versionId, runId, auc, createdMs };
}
