/** How each member model of the ensemble is trained: data, features, engine, search space. */
import type { JsonObject } from '@ion-lineage/contract';
import { round, type Rng } from '../random';
import type { MemberKey } from './catalog';
import { NODE } from './plan';

export interface MemberPipeline {
  key: MemberKey;
  nodeId: string;
  /** Dataset catalogue keys read by every run. */
  reads: string[];
  featureIds: string[];
  engine: string;
  engineVersion: string;
  hosts: string[];
  environment: JsonObject;
  /** Hour of day at which the daily search starts. */
  startHour: number;
  /** Mean and spread of the day's AUC; some days fall below 0.80 and are rejected by policy. */
  auc: { mean: number; spread: number };
  params(rng: Rng): JsonObject;
}

export const MEMBER_PIPELINES: Record<MemberKey, MemberPipeline> = {
  xray: {
    key: 'xray',
    nodeId: NODE.trainXray,
    reads: ['xray-images', 'patient-demographics', 'ct-outcomes'],
    featureIds: ['ft-xray-opacity-score', 'ft-xray-nodule-prob', 'ft-patient-age', 'ft-patient-sex'],
    engine: 'pytorch',
    engineVersion: '2.3.1',
    hosts: ['gpu-a100-01.ml.stmarys.internal', 'gpu-a100-02.ml.stmarys.internal', 'gpu-a100-03.ml.stmarys.internal'],
    environment: { python: '3.11.9', cuda: '12.1', image: 'registry.stmarys.internal/ml/xray-train:2026.03', gpus: 4 },
    startHour: 1,
    auc: { mean: 0.85, spread: 0.04 },
    params: (rng) => ({
      learning_rate: rng.pick([1e-4, 3e-4, 1e-3]),
      batch_size: rng.pick([16, 32, 64]),
      epochs: rng.int(8, 20),
      weight_decay: rng.pick([0, 1e-5, 1e-4]),
      augmentation: rng.pick(['flip+rotate', 'flip', 'none']),
    }),
  },
  labs: {
    key: 'labs',
    nodeId: NODE.trainLabs,
    reads: ['lab-results', 'patient-demographics', 'ct-outcomes'],
    featureIds: ['ft-lab-wbc-count', 'ft-lab-crp', 'ft-lab-d-dimer', 'ft-patient-age'],
    engine: 'spark',
    engineVersion: '3.5.1',
    hosts: ['spark-ml-01.stmarys.internal', 'spark-ml-02.stmarys.internal'],
    environment: { python: '3.11.9', xgboost: '2.0.3', executors: 16, image: 'registry.stmarys.internal/ml/labs-train:2026.03' },
    startHour: 2,
    auc: { mean: 0.835, spread: 0.035 },
    params: (rng) => ({
      max_depth: rng.int(3, 8),
      n_estimators: 100 * rng.int(2, 8),
      learning_rate: round(rng.range(0.03, 0.2), 3),
      subsample: rng.pick([0.7, 0.8, 0.9, 1.0]),
    }),
  },
  notes: {
    key: 'notes',
    nodeId: NODE.trainNotes,
    reads: ['clinical-notes', 'icd10-reference', 'ct-outcomes'],
    featureIds: ['ft-notes-severity', 'ft-notes-red-flags', 'ft-notes-icd10-chapter'],
    engine: 'pytorch',
    engineVersion: '2.3.1',
    hosts: ['gpu-a100-03.ml.stmarys.internal', 'gpu-a100-04.ml.stmarys.internal'],
    environment: { python: '3.11.9', cuda: '12.1', transformers: '4.41.2', image: 'registry.stmarys.internal/ml/notes-train:2026.03', gpus: 2 },
    startHour: 3,
    auc: { mean: 0.825, spread: 0.035 },
    params: (rng) => ({
      learning_rate: rng.pick([1e-5, 2e-5, 3e-5, 5e-5]),
      max_seq_len: rng.pick([256, 512]),
      epochs: rng.int(2, 5),
      warmup_ratio: rng.pick([0, 0.06, 0.1]),
    }),
  },
};

/** Why PHI is used; required by policy on every run that reads PHI. */
export const PHI_PURPOSE = 'Clinical decision support: imaging triage model (IRB-2025-114, DPIA-77).';

/** Output schema of every triage model (a fresh object each time: items never share state). */
export function triageOutputSchema(): JsonObject {
  return { type: 'string', enum: ['CT_SCAN', 'MRI', 'NO_TEST'], score: 'float 0..1' };
}
