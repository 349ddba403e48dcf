import type { RequestRange } from './batches';
import type { ReplayFaults, ScenarioArtifact } from './artifacts';
/**
 * Public shapes of the demo scenario: what `generateScenario` returns and what its ground
 * truth promises, so tests (unit and against Neo4j) can check the service's answers.
 */
import type { BaselineSample } from './drift';
import type { Decision, EnsembleMemberInput, IngestBundle } from '@ion-lineage/contract';

/** An IngestBundle with every part present (the generator fills arrays, never undefined). */
export type FullBundle = { [K in keyof IngestBundle]-?: NonNullable<IngestBundle[K]> };

/** Options of `generateScenario`. */
export interface ScenarioOptions {
  /** Any finite number; normalised to an unsigned 32-bit integer. */
  seed: number;
  /** Number of primary predictions (requests). Each also gets one control prediction. */
  predictions: number;
  /** First day of the scenario (UTC, truncated to midnight). Default 2026-03-01. */
  startDate?: string;
  /** Most PredictionInput items (primary + control) per batch. Default 10 000, at least 2. */
  predictionBatchSize?: number;
}

/** Outputs the triage model recommends. */
export type TriageOutput = 'CT_SCAN' | 'MRI' | 'NO_TEST';

/** Expected number of nodes of each kind after a full load (base and every batch). */
export interface EntityCounts {
  principals: number;
  ions: number;
  pipelineNodes: number;
  ionInstances: number;
  datasets: number;
  datasetVersions: number;
  features: number;
  models: number;
  modelVersions: number;
  runs: number;
  stages: number;
  approvals: number;
  deployments: number;
  /** Primary plus control predictions: 2 × requests. */
  predictions: number;
  events: number;
  /** Not nodes: LOADED relationships, one per ModelLoadInput. */
  modelLoads: number;
  /** Primary predictions (the `predictions` option). */
  requests: number;
}

/** One approval or rejection as the governance view should list it. */
export interface ApprovalTruth {
  approvalId: string;
  principalId: string;
  decision: Decision;
  ionId: string;
  modelVersionId: string;
  at: string;
}

/**
 * What the "why" query should answer for one primary prediction. Lineage fields
 * (`ensembleMembers`, `trainingRunIds`, `datasetVersionIds`, `featureIds`, `approvals`) follow
 * the model versions the prediction *recorded* (`modelVersionIds`): empty when none was recorded.
 */
export interface PredictionTruth {
  index: number;
  predictionId: string;
  requestId: string;
  subjectKey: string;
  at: string;
  output: TriageOutput;
  score: number;
  controlPredictionId: string;
  controlOutput: TriageOutput;
  controlDiffers: boolean;
  inferenceRunId: string;
  controlRunId: string;
  /** As recorded on the primary prediction: `[ensemble version]`, or `[]` (planted finding f). */
  modelVersionIds: string[];
  /** The version in service on the inference node at `at`, recorded or not. */
  deployedModelVersionId: string;
  /** The deployment of the inference node in force at `at`. */
  deploymentId: string;
  ensembleMembers: EnsembleMemberInput[];
  /** Runs that produced the recorded versions and their members (sorted; search siblings excluded). */
  trainingRunIds: string[];
  /** Union of those runs' reads (sorted). */
  datasetVersionIds: string[];
  /** Union of those runs' features (sorted). */
  featureIds: string[];
  /** Every decision on the recorded versions and their members, at any time (sorted by at, id). */
  approvals: ApprovalTruth[];
  controlModelVersionIds: string[];
  controlDeploymentId: string;
  controlApprovals: ApprovalTruth[];
  /** Events on the primary inference run (sorted). */
  eventIds: string[];
}

export type SampleLabel =
  'ensemble' | 'rollback' | 'rejected-model' | 'control-differs' | 'control-agrees' | 'repeat-subject' | 'missing-model-version' | 'unapproved-control';

/** A named example prediction for tests and demos. */
export interface SamplePrediction {
  label: SampleLabel;
  expected: PredictionTruth;
  /** For 'repeat-subject': every primary prediction of that subject, in time order. */
  subjectPredictionIds?: string[];
}

/** Primary predictions in one time range, addressed by index (ids via `predictionId(i)`). */
export interface PredictionRangeFinding {
  reason: string;
  modelVersionId: string | null;
  deploymentId: string;
  from: string;
  to: string;
  /** Index range [firstIndex, endIndex) of primary predictions. */
  firstIndex: number;
  endIndex: number;
  count: number;
  /** All ids when count ≤ 10 000 (`idsComplete`), else the first 10 000. */
  predictionIds: string[];
  idsComplete: boolean;
}

/** Planted compliance findings; everything not listed here is compliant. */
export interface Violations {
  /** (a) Deployments of a version with no APPROVED decision for the ION. */
  unapprovedDeployments: Array<{ deploymentId: string; modelVersionId: string; pipelineNodeId: string }>;
  /** (b) APPROVED decisions by the principal who triggered the run that produced the version. */
  selfApprovals: Array<{ approvalId: string; principalId: string; runId: string; modelVersionId: string }>;
  /** (c) Deployments of a version whose training metric is below the ION policy minimum. */
  belowMetricDeployments: Array<{ deploymentId: string; modelVersionId: string; metric: string; value: number; minimum: number }>;
  /** (d) Runs that read PHI without a `purpose`, and the versions they produced. */
  phiWithoutPurpose: Array<{ runId: string; modelVersionIds: string[]; phiDatasetVersionIds: string[] }>;
  /** (e) Predictions that used a version REJECTED (a decision at or before `at`) or RETIRED. */
  servedByRejectedOrRetired: PredictionRangeFinding[];
  /** (f) Predictions that recorded no model version. */
  missingModelVersions: PredictionRangeFinding[];
}

/** Everything tests need to check the service's answers. */
export interface GroundTruth {
  seed: number;
  startDate: string;
  requests: number;
  /** Predictions are spread over [from, to). */
  servingWindow: { from: string; to: string };
  counts: EntityCounts;
  /** Only the best run of a search group produces a model version; its siblings produce none. */
  searchPolicy: 'best-only';
  searchGroups: Array<{ searchGroupId: string; runIds: string[]; bestRunId: string; modelVersionId: string }>;
  violations: Violations;
  /** Auditor view: predictions served by a version that is now REJECTED or RETIRED (any time). */
  servedByLaterRejectedOrRetired: PredictionRangeFinding[];
  rollback: { deploymentId: string; modelVersionId: string; replacedDeploymentId: string; replacedModelVersionId: string; at: string };
  samples: SamplePrediction[];
  /** Planted replay faults: every other prediction that names its model replays to its recorded output. */
  replay: ReplayFaults & { misloggedPredictionId: string | null };
  /**
   * The planted drift episode: `feature` was reported on another scale on both serving nodes
   * during [from, to); `quietFeature` (same lab) never drifts.
   */
  drift: { ionId: string; feature: string; from: string; to: string; quietFeature: string; pipelineNodeIds: string[]; datasetId: string };
  /** Primary prediction id of index i. */
  predictionId(index: number): string;
  /** The expected answer for primary prediction i, without generating the others. */
  truthForPrediction(index: number): PredictionTruth;
}

/** What `generateScenario` returns. */
export interface DemoScenario {
  /** Everything except predictions, including the serving runs the predictions refer to. */
  base: FullBundle;
  /**
   * Lazily generated, in time order; each holds ≤ predictionBatchSize predictions and refers only
   * to the base. A range of requests (starting on a batch boundary) yields just those batches, so
   * several workers can each write their share.
   */
  predictionBatches(range?: RequestRange): Generator<IngestBundle>;
  /** Model artifacts the loader uploads (digests already recorded on the versions in `base`). */
  artifacts: ScenarioArtifact[];
  /** Baseline samples of the training dataset versions (sent with `recordBaselineSample`). */
  baselines(): BaselineSample[];
  truth: GroundTruth;
}
