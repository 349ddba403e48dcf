/**
 * The script of the scenario: when things happen and where the compliance findings are
 * planted. Times are [day, hour] after the start date. Everything random (metrics, weights,
 * durations, digests) is drawn elsewhere from the seed; this file fixes the story.
 */
import type { MemberKey } from './catalog';

export type DayHour = readonly [day: number, hour: number];

export const NODE = {
  etl: 'pn-ct-etl',
  trainXray: 'pn-ct-train-xray',
  trainLabs: 'pn-ct-train-labs',
  trainNotes: 'pn-ct-train-notes',
  memberReview: 'pn-ct-member-review',
  ensemble: 'pn-ct-ensemble-builder',
  surrogate: 'pn-ct-surrogate-trainer',
  release: 'pn-ct-release-approval',
  inference: 'pn-ct-inference',
  canary: 'pn-ct-canary',
  monitor: 'pn-ct-monitor',
} as const;

/** Daily member training and review run on days [0, trainingDays). */
export const TRAINING_DAYS = 28;
/** Hyperparameter search: sibling runs per pipeline and day (the best one's version is submitted). */
export const SEARCH_SIBLINGS = 4;
/** IonInstances are weekly epochs; the last one is still RUNNING. */
export const INSTANCE_DAYS = 7;
/** Predictions are spread over [servingStartDay, servingEndDay). */
export const SERVING_START_DAY = 4;
export const SERVING_END_DAY = 28;

/** Planted (d): an ad-hoc retrain of the labs model on PHI, started by hand with no purpose. */
export const ADHOC_RUN = { member: 'labs' as MemberKey, day: 12, hour: 15, triggeredById: 'prn-sofia-reyes' };

export interface EnsembleBuild {
  version: number;
  day: number;
  triggeredById: string;
  reviewerId: string;
  /** A later rejection (the recall that caused the rollback). */
  recall?: { at: DayHour; byId: string; comment: string };
}

export const ENSEMBLE_BUILDS: EnsembleBuild[] = [
  { version: 1, day: 3, triggeredById: 'prn-marcus-lindqvist', reviewerId: 'prn-alice-moreno' },
  // Planted (b): Chen Wei triggers the build and approves it himself.
  { version: 2, day: 10, triggeredById: 'prn-chen-wei', reviewerId: 'prn-chen-wei' },
  {
    version: 3,
    day: 17,
    triggeredById: 'prn-sofia-reyes',
    reviewerId: 'prn-alice-moreno',
    recall: {
      at: [20, 6],
      byId: 'prn-rahul-iyer',
      comment: 'Recalled: drift alert on xray_opacity_score (PSI 0.31) and AUC proxy down to 0.74 since the xray member update. Roll back to v2.',
    },
  },
  { version: 4, day: 24, triggeredById: 'prn-marcus-lindqvist', reviewerId: 'prn-grace-okafor' },
];

export interface SurrogateBuild {
  version: number;
  day: number;
  /** Fixed AUC for planted findings; otherwise drawn in [0.82, 0.87). */
  auc?: number;
  review?: { day: number; hour: number; byId: string; comment: string };
}

export const SURROGATE_BUILDS: SurrogateBuild[] = [
  {
    version: 1,
    day: 2,
    review: { day: 3, hour: 11, byId: 'prn-grace-okafor', comment: 'Surrogate agrees with ensemble on 91% of the validation set; approved as control.' },
  },
  // Planted (c): approved by override although AUC is below the policy minimum, then deployed.
  {
    version: 2,
    day: 13,
    auc: 0.78,
    review: {
      day: 13,
      hour: 17,
      byId: 'prn-rahul-iyer',
      comment: 'Override: below the 0.80 AUC minimum, accepted because the control pipeline only explains and never decides.',
    },
  },
  // Planted (a): never reviewed, deployed anyway.
  { version: 3, day: 21 },
];

export interface DeploymentPlan {
  id: string;
  node: 'inference' | 'canary';
  role: 'PRIMARY' | 'CONTROL';
  /** 'legacy', `ensemble:<n>` or `surrogate:<n>`. */
  model: string;
  from: DayHour;
  to?: DayHour;
}

export const DEPLOYMENTS: DeploymentPlan[] = [
  { id: 'dep-inference-legacy-v1', node: 'inference', role: 'PRIMARY', model: 'legacy', from: [-30, 0], to: [SERVING_START_DAY, 0] },
  { id: 'dep-inference-ensemble-v1', node: 'inference', role: 'PRIMARY', model: 'ensemble:1', from: [4, 0], to: [11, 0] },
  { id: 'dep-inference-ensemble-v2', node: 'inference', role: 'PRIMARY', model: 'ensemble:2', from: [11, 0], to: [18, 0] },
  { id: 'dep-inference-ensemble-v3', node: 'inference', role: 'PRIMARY', model: 'ensemble:3', from: [18, 0], to: [20, 12] },
  // The rollback: v2 again, six hours after v3 was rejected (planted (e) in between).
  { id: 'dep-inference-ensemble-v2-rollback', node: 'inference', role: 'PRIMARY', model: 'ensemble:2', from: [20, 12], to: [25, 0] },
  { id: 'dep-inference-ensemble-v4', node: 'inference', role: 'PRIMARY', model: 'ensemble:4', from: [25, 0] },
  { id: 'dep-canary-surrogate-v1', node: 'canary', role: 'CONTROL', model: 'surrogate:1', from: [4, 0], to: [14, 0] },
  { id: 'dep-canary-surrogate-v2', node: 'canary', role: 'CONTROL', model: 'surrogate:2', from: [14, 0], to: [22, 0] },
  { id: 'dep-canary-surrogate-v3', node: 'canary', role: 'CONTROL', model: 'surrogate:3', from: [22, 0] },
];

/** Planted (f): a model-registry outage during which the gateway logged no model version. */
export const MISSING_VERSION_WINDOW = { day: 15, from: [14, 0] as const, to: [15, 30] as const };

/** The monitor's drift alert that led to the recall of ensemble v3. */
export const DRIFT_ALERT = { day: 20, hour: 5, ensembleVersion: 3 };

/** Times at which the planted repeat patient comes back (nearest prediction at or after each). */
export const REPEAT_VISITS: DayHour[] = [
  [5, 9],
  [12, 15],
  [20, 8],
  [21, 10],
  [26, 11],
];
export const REPEAT_SUBJECT = 'patient-000042';

/** Planted replay faults: the first request at or after this time was mis-logged (its recorded output is not its model's). */
export const MISLOGGED_AT: DayHour = [8, 14];
/** Planted replay faults: the control surrogate version whose artifact was never uploaded. */
export const NO_ARTIFACT_SURROGATE = 3;
/** Planted replay faults: the recalled ensemble whose X-ray member's stored artifact no longer matches its digest. */
export const CORRUPT_MEMBER_OF_ENSEMBLE = 3;
/**
 * Planted drift: the lab switches CRP assays, and for a known period reports CRP as
 * `factor × true + offset` mg/L (both serving pipelines see it). WBC, from the same lab, is the
 * quiet control feature. Chosen clear of the days the named samples come from.
 */
export const ASSAY_CHANGE = { feature: 'lab_crp_mg_l', from: [12, 0] as const, to: [15, 0] as const, factor: 1.6, offset: 8, quietFeature: 'lab_wbc_count' };
/** Rows of each training dataset version's baseline sample. */
export const BASELINE_ROWS = 1_000;
