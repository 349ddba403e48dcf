/**
 * Weekly ensemble builds (from the latest approved member versions), surrogate trainings for
 * the control pipeline, and the legacy uploaded model that served before the scenario began.
 */
import type { EnsembleMemberInput, ModelVersionInput } from '@ion-lineage/contract';
import { forkRng, gitSha, round, sha256Hex, type Rng } from '../random';
import { MEMBER_KEYS, MODELS } from './catalog';
import { MINUTE_MS, iso, type Clock } from './clock';
import { datasetVersionOn } from './datasets';
import type { MemberDecision } from './governance';
import { instanceIdForDay } from './ion';
import { PHI_PURPOSE, triageOutputSchema } from './members';
import { ENSEMBLE_BUILDS, NODE, SURROGATE_BUILDS } from './plan';
import { ensembleScoring, scoringSpec, surrogateScoring } from './scoring';
import { chain, stagesFor } from './stages';
import type { TrainedVersion } from './training';
import type { FullBundle } from './types';

/** An ensemble or surrogate version and the run that made it. */
export interface BuiltVersion {
  n: number;
  versionId: string;
  /** Null for uploaded models. */
  runId: string | null;
  auc: number;
  createdMs: number;
  members: EnsembleMemberInput[];
}

/** Id of ensemble version n and of the run that built it. */
export function ensembleVersionId(n: number): string {
  return `mv-${MODELS.ensemble.name}-v${n}`;
}
export function ensembleRunId(n: number): string {
  return `run-build-ensemble-v${n}`;
}

/** Features of the interpretable surrogate (a subset the control pipeline explains with). */
export const SURROGATE_FEATURE_IDS = [
  'ft-xray-opacity-score',
  'ft-xray-nodule-prob',
  'ft-notes-severity',
  'ft-notes-red-flags',
  'ft-lab-crp',
  'ft-lab-wbc-count',
  'ft-lab-d-dimer',
  'ft-patient-age',
  'ft-patient-sex',
  'ft-protocol-contrast-ok',
];
const SURROGATE_READS = ['patient-demographics', 'lab-results', 'clinical-notes', 'xray-images', 'ct-outcomes', 'imaging-protocols'];

/** Three weights in thousandths that sum to exactly 1000, so the float weights sum to 1. */
function drawWeights(rng: Rng): number[] {
  const raw = [rng.int(200, 500), rng.int(200, 500), rng.int(200, 500)];
  const total = raw[0]! + raw[1]! + raw[2]!;
  const a = Math.round((raw[0]! / total) * 1000);
  const b = Math.round((raw[1]! / total) * 1000);
  return [a / 1000, b / 1000, (1000 - a - b) / 1000];
}

function versionInput(
  key: 'ensemble' | 'surrogate' | 'legacy',
  n: number,
  seed: number,
  fields: Partial<ModelVersionInput> & Pick<ModelVersionInput, 'status' | 'createdAt'>,
): ModelVersionInput {
  const spec = MODELS[key];
  const id = `mv-${spec.name}-v${n}`;
  return {
    id,
    modelId: spec.id,
    version: `${n}.0.0`,
    algorithm: spec.algorithm,
    framework: spec.framework,
    format: spec.format,
    artifactUri: `s3://stmarys-models/${spec.name}/${n}.0.0/model.${({ ONNX: 'onnx', PMML: 'pmml' } as Record<string, string>)[spec.format] ?? 'json'}`,
    digest: `sha256:${sha256Hex(`${seed}:${id}:artifact`)}`,
    outputSchema: triageOutputSchema(),
    ...fields,
  };
}

function addBuildRun(
  base: FullBundle,
  clock: Clock,
  seed: number,
  rng: Rng,
  run: {
    id: string;
    nodeId: string;
    day: number;
    triggeredById: string;
    reads: string[];
    features: string[];
    params: Record<string, unknown>;
    stages: string[];
  },
): number {
  const startMs = clock.ms(run.day, 13, 0);
  const endMs = startMs + rng.int(25, 50) * MINUTE_MS;
  base.runs.push({
    id: run.id,
    pipelineNodeId: run.nodeId,
    instanceId: instanceIdForDay(clock, run.day),
    kind: 'TRAINING',
    startedAt: iso(startMs),
    endedAt: iso(endMs),
    status: 'COMPLETED',
    params: run.params,
    codeVersion: gitSha(`${seed}:${run.nodeId}:week${Math.floor(run.day / 7)}`),
    engine: 'scikit-learn',
    engineVersion: '1.5.0',
    host: 'ml-batch-01.stmarys.internal',
    environment: { python: '3.11.9', image: 'registry.stmarys.internal/ml/sklearn:2026.03' },
    triggeredById: run.triggeredById,
    purpose: PHI_PURPOSE,
    readDatasetVersionIds: run.reads.map((key) => datasetVersionOn(clock, key, run.day)),
    usedFeatureIds: run.features,
  });
  base.stages.push(...stagesFor(run.id, chain(run.stages.map((name) => ({ name, type: name, stats: { seconds: rng.int(60, 900) } })))));
  return endMs + 5 * MINUTE_MS;
}

/** Adds the ensemble builds; members are the latest versions approved before each build. */
export function addEnsembles(
  base: FullBundle,
  clock: Clock,
  seed: number,
  submitted: readonly TrainedVersion[],
  decisions: Map<string, MemberDecision>,
): BuiltVersion[] {
  const rng = forkRng(seed, 'ensembles');
  return ENSEMBLE_BUILDS.map((build) => {
    const buildMs = clock.ms(build.day, 13, 0);
    const memberIds = MEMBER_KEYS.map((key) => {
      const eligible = submitted.filter((v) => v.key === key && decisions.get(v.versionId)?.approved && decisions.get(v.versionId)!.atMs < buildMs);
      const latest = eligible[eligible.length - 1];
      if (!latest) throw new Error(`no approved ${key} version before ensemble v${build.version}`);
      return latest.versionId;
    });
    const weights = drawWeights(rng);
    const members = memberIds.map((modelVersionId, i) => ({ modelVersionId, weight: weights[i]! }));
    const runId = ensembleRunId(build.version);
    const params = { method: 'weighted-soft-vote', weightSearch: 'nelder-mead', members: memberIds };
    const createdMs = addBuildRun(base, clock, seed, rng, {
      id: runId,
      nodeId: NODE.ensemble,
      day: build.day,
      triggeredById: build.triggeredById,
      reads: ['ct-outcomes'],
      features: [],
      params,
      stages: ['load-members', 'fit-weights', 'evaluate', 'package'],
    });
    const auc = round(rng.range(0.86, 0.92));
    base.modelVersions.push(
      versionInput('ensemble', build.version, seed, {
        status: build.recall ? 'REJECTED' : 'APPROVED',
        createdAt: iso(createdMs),
        producedByRunId: runId,
        hyperparameters: {
          method: 'weighted-soft-vote',
          // How replay combines the members: sigmoid of the weighted mean of their logits.
          combination: 'weighted-mean-logit',
          weights: Object.fromEntries(members.map((m) => [m.modelVersionId, m.weight])),
          scoring: scoringSpec(ensembleScoring(MEMBER_KEYS.map((key, i) => ({ key, weight: weights[i]! })))),
        },
        metrics: { auc, accuracy: round(auc - rng.range(0.05, 0.08)), f1: round(auc - rng.range(0.08, 0.12)) },
        inputSchema: { members: memberIds },
        members,
      }),
    );
    return { n: build.version, versionId: ensembleVersionId(build.version), runId, auc, createdMs, members };
  });
}

/** Adds the surrogate trainings of the control pipeline. */
export function addSurrogates(base: FullBundle, clock: Clock, seed: number): BuiltVersion[] {
  const rng = forkRng(seed, 'surrogates');
  return SURROGATE_BUILDS.map((build) => {
    const runId = `run-train-surrogate-v${build.version}`;
    const params = { max_depth: 4, criterion: 'gini', min_samples_leaf: rng.int(20, 80), target: 'ct_outcomes.modality' };
    const createdMs = addBuildRun(base, clock, seed, rng, {
      id: runId,
      nodeId: NODE.surrogate,
      day: build.day,
      triggeredById: 'prn-sofia-reyes',
      reads: SURROGATE_READS,
      features: [...SURROGATE_FEATURE_IDS],
      params,
      stages: ['load', 'distill-labels', 'train', 'evaluate'],
    });
    const auc = build.auc ?? round(rng.range(0.82, 0.87));
    base.modelVersions.push(
      versionInput('surrogate', build.version, seed, {
        status: build.review ? 'APPROVED' : 'CANDIDATE',
        createdAt: iso(createdMs),
        producedByRunId: runId,
        hyperparameters: { ...params, scoring: scoringSpec(surrogateScoring(rng)) },
        metrics: { auc, accuracy: round(auc - rng.range(0.05, 0.08)), fidelity: round(rng.range(0.84, 0.89)) },
        inputSchema: { features: [...SURROGATE_FEATURE_IDS] },
      }),
    );
    return { n: build.version, versionId: `mv-${MODELS.surrogate.name}-v${build.version}`, runId, auc, createdMs, members: [] };
  });
}

/** The legacy model (Figure 1(a)): uploaded by hand, served until the ensemble took over, now retired. */
export function addLegacy(base: FullBundle, clock: Clock, seed: number): BuiltVersion {
  const mv = versionInput('legacy', 1, seed, {
    status: 'RETIRED',
    createdAt: clock.iso(-35, 10),
    uploadedById: 'prn-marcus-lindqvist',
    hyperparameters: { C: 1.0, penalty: 'l2' },
    metrics: { auc: 0.81, accuracy: 0.74 },
    inputSchema: { features: ['ft-patient-age', 'ft-lab-crp', 'ft-lab-wbc-count'] },
  });
  base.modelVersions.push(mv);
  return { n: 1, versionId: mv.id, runId: null, auc: 0.81, createdMs: clock.ms(-35, 10), members: [] };
}
