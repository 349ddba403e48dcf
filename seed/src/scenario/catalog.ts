/**
 * The static cast of the scenario (modelled on Figure 1(e) of the ATC'18 paper "Model
 * Governance"): people and services, datasets, features and models. Nothing here is random.
 */
import type { Classification, PrincipalInput } from '@ion-lineage/contract';

export const ION_ID = 'ion-ct-triage';

/** Reviewers approve models; data scientists train; services schedule, gate and serve. */
export const PRINCIPALS: PrincipalInput[] = [
  { id: 'prn-alice-moreno', name: 'Dr. Alice Moreno', kind: 'HUMAN', email: 'alice.moreno@stmarys-health.example' },
  { id: 'prn-rahul-iyer', name: 'Dr. Rahul Iyer', kind: 'HUMAN', email: 'rahul.iyer@stmarys-health.example' },
  { id: 'prn-grace-okafor', name: 'Dr. Grace Okafor', kind: 'HUMAN', email: 'grace.okafor@stmarys-health.example' },
  // Data scientist who also holds reviewer rights: the source of the planted self-approval.
  { id: 'prn-chen-wei', name: 'Dr. Chen Wei', kind: 'HUMAN', email: 'chen.wei@stmarys-health.example' },
  { id: 'prn-marcus-lindqvist', name: 'Marcus Lindqvist', kind: 'HUMAN', email: 'marcus.lindqvist@stmarys-health.example' },
  { id: 'prn-sofia-reyes', name: 'Sofia Reyes', kind: 'HUMAN', email: 'sofia.reyes@stmarys-health.example' },
  { id: 'prn-svc-scheduler', name: 'airflow-scheduler', kind: 'SERVICE' },
  { id: 'prn-svc-policy-engine', name: 'ion-policy-engine', kind: 'SERVICE' },
  { id: 'prn-svc-inference-gateway', name: 'triage-inference-gateway', kind: 'SERVICE' },
  { id: 'prn-svc-monitor', name: 'model-monitor', kind: 'SERVICE' },
];

/** Humans who review member models day to day (Chen Wei reviews too: nothing wrong with that). */
export const MEMBER_REVIEWERS = ['prn-alice-moreno', 'prn-rahul-iyer', 'prn-grace-okafor', 'prn-chen-wei'] as const;

export interface DatasetSpec {
  key: string;
  name: string;
  classification: Classification;
  owner: string;
  description: string;
  /** Snapshot cadence: daily (one version per scenario day) or fixed versions at given days. */
  versions: 'daily' | number[];
  rowsPerDay: number;
  columns: Record<string, string>;
}

export const DATASETS: DatasetSpec[] = [
  {
    key: 'xray-images',
    name: 'xray_images',
    classification: 'PHI',
    owner: 'radiology-data',
    description: 'Chest X-ray studies (DICOM, de-identified pixel data, linked by MRN).',
    versions: 'daily',
    rowsPerDay: 1800,
    columns: { study_id: 'string', mrn: 'string', image_uri: 'string', acquired_at: 'timestamp' },
  },
  {
    key: 'lab-results',
    name: 'lab_results',
    classification: 'PHI',
    owner: 'laboratory-data',
    description: 'Laboratory results (CBC, CRP, D-dimer, creatinine) from the LIS.',
    versions: 'daily',
    rowsPerDay: 9500,
    columns: { mrn: 'string', test_code: 'string', value: 'double', unit: 'string', resulted_at: 'timestamp' },
  },
  {
    key: 'clinical-notes',
    name: 'clinical_notes',
    classification: 'PHI',
    owner: 'clinical-informatics',
    description: 'ED triage and physician notes (free text).',
    versions: 'daily',
    rowsPerDay: 4200,
    columns: { mrn: 'string', note_type: 'string', text: 'string', written_at: 'timestamp' },
  },
  {
    key: 'patient-demographics',
    name: 'patient_demographics',
    classification: 'PII',
    owner: 'patient-registry',
    description: 'Age, sex and registration data per MRN.',
    versions: 'daily',
    rowsPerDay: 600,
    columns: { mrn: 'string', birth_date: 'date', sex: 'string' },
  },
  {
    key: 'ct-outcomes',
    name: 'ct_outcomes',
    classification: 'PHI',
    owner: 'radiology-data',
    description: 'Labels: imaging ordered and its finding, per encounter.',
    versions: 'daily',
    rowsPerDay: 700,
    columns: { encounter_id: 'string', mrn: 'string', modality: 'string', finding: 'string' },
  },
  {
    key: 'icd10-reference',
    name: 'icd10_reference',
    classification: 'PUBLIC',
    owner: 'terminology',
    description: 'WHO ICD-10 code list with chapters.',
    versions: [-59],
    rowsPerDay: 0,
    columns: { code: 'string', chapter: 'string', title: 'string' },
  },
  {
    key: 'imaging-protocols',
    name: 'imaging_protocols',
    classification: 'INTERNAL',
    owner: 'radiology-ops',
    description: 'Hospital imaging protocols (contrast eligibility rules).',
    versions: [-10, 14],
    rowsPerDay: 0,
    columns: { protocol_id: 'string', rule: 'string' },
  },
];

export interface FeatureSpec {
  id: string;
  name: string;
  dtype: string;
  classification: Classification;
  transform: string;
  description: string;
  from: string[];
}

/** Feature names double as the keys of prediction inputs and attributions. */
export const FEATURES: FeatureSpec[] = [
  {
    id: 'ft-xray-opacity-score',
    name: 'xray_opacity_score',
    dtype: 'float',
    classification: 'PHI',
    transform: 'DenseNet-121 embedding -> opacity head (sigmoid)',
    description: 'Probability of a pulmonary opacity on the latest X-ray.',
    from: ['ds-xray-images'],
  },
  {
    id: 'ft-xray-nodule-prob',
    name: 'xray_nodule_prob',
    dtype: 'float',
    classification: 'PHI',
    transform: 'DenseNet-121 embedding -> nodule head (sigmoid)',
    description: 'Probability of a nodule on the latest X-ray.',
    from: ['ds-xray-images'],
  },
  {
    id: 'ft-lab-wbc-count',
    name: 'lab_wbc_count',
    dtype: 'float',
    classification: 'PHI',
    transform: 'latest WBC within 48h, 10^9/L',
    description: 'White blood cell count.',
    from: ['ds-lab-results'],
  },
  {
    id: 'ft-lab-crp',
    name: 'lab_crp_mg_l',
    dtype: 'float',
    classification: 'PHI',
    transform: 'latest CRP within 48h, mg/L',
    description: 'C-reactive protein.',
    from: ['ds-lab-results'],
  },
  {
    id: 'ft-lab-d-dimer',
    name: 'lab_d_dimer',
    dtype: 'float',
    classification: 'PHI',
    transform: 'latest D-dimer within 48h, mg/L FEU',
    description: 'D-dimer.',
    from: ['ds-lab-results'],
  },
  {
    id: 'ft-notes-severity',
    name: 'notes_symptom_severity',
    dtype: 'float',
    classification: 'PHI',
    transform: 'ClinicalBERT severity classifier over triage notes',
    description: 'Symptom severity from notes, 0..1.',
    from: ['ds-clinical-notes'],
  },
  {
    id: 'ft-notes-red-flags',
    name: 'notes_red_flag_terms',
    dtype: 'int',
    classification: 'PHI',
    transform: 'count of red-flag terms (lexicon v4)',
    description: 'Red-flag terms in notes.',
    from: ['ds-clinical-notes'],
  },
  {
    id: 'ft-notes-icd10-chapter',
    name: 'notes_icd10_chapter',
    dtype: 'category',
    classification: 'PHI',
    transform: 'most recent coded diagnosis -> ICD-10 chapter',
    description: 'ICD-10 chapter of the working diagnosis.',
    from: ['ds-clinical-notes', 'ds-icd10-reference'],
  },
  {
    id: 'ft-patient-age',
    name: 'patient_age',
    dtype: 'int',
    classification: 'PII',
    transform: 'floor(years since birth_date)',
    description: 'Age in years.',
    from: ['ds-patient-demographics'],
  },
  {
    id: 'ft-patient-sex',
    name: 'patient_sex',
    dtype: 'category',
    classification: 'PII',
    transform: 'registry sex code',
    description: 'Sex (F/M).',
    from: ['ds-patient-demographics'],
  },
  {
    id: 'ft-protocol-contrast-ok',
    name: 'protocol_contrast_eligible',
    dtype: 'bool',
    classification: 'PHI',
    transform: 'eGFR from latest creatinine >= protocol IP-7 threshold',
    description: 'Eligible for contrast imaging.',
    from: ['ds-imaging-protocols', 'ds-lab-results'],
  },
];

/** Ids of the feature catalogue in order; prediction code indexes features by position. */
export const FEATURE_IDS = FEATURES.map((f) => f.id);

export interface ModelSpec {
  id: string;
  name: string;
  description: string;
  algorithm: string;
  framework: string;
  format: 'ONNX' | 'PMML' | 'SAVED_MODEL' | 'OPAQUE';
}

export const MODELS = {
  xray: {
    id: 'mdl-xray-densenet',
    name: 'xray-densenet',
    description: 'Chest X-ray model (member of the CT triage ensemble).',
    algorithm: 'DenseNet-121 CNN',
    framework: 'pytorch',
    format: 'ONNX',
  },
  labs: {
    id: 'mdl-labs-xgboost',
    name: 'labs-xgboost',
    description: 'Lab results model (member of the CT triage ensemble).',
    algorithm: 'XGBoost gradient boosted trees',
    framework: 'xgboost',
    format: 'ONNX',
  },
  notes: {
    id: 'mdl-notes-clinicalbert',
    name: 'notes-clinicalbert',
    description: 'Clinical notes model (member of the CT triage ensemble).',
    algorithm: 'ClinicalBERT fine-tuned classifier',
    framework: 'pytorch',
    format: 'ONNX',
  },
  ensemble: {
    id: 'mdl-ct-ensemble',
    name: 'ct-ensemble',
    description: 'Weighted soft-vote ensemble recommending CT, MRI or no imaging.',
    algorithm: 'weighted soft-vote ensemble',
    framework: 'scikit-learn',
    format: 'OPAQUE',
  },
  surrogate: {
    id: 'mdl-ct-surrogate',
    name: 'ct-surrogate',
    description: 'Interpretable surrogate run by the control (canary) pipeline.',
    algorithm: 'depth-4 decision tree (distilled)',
    framework: 'scikit-learn',
    format: 'ONNX',
  },
  legacy: {
    id: 'mdl-ct-legacy-logreg',
    name: 'ct-legacy-logreg',
    description: 'Logistic regression uploaded before retraining was automated (Figure 1(a)).',
    algorithm: 'logistic regression',
    framework: 'scikit-learn',
    format: 'PMML',
  },
} as const satisfies Record<string, ModelSpec>;

export type MemberKey = 'xray' | 'labs' | 'notes';
export const MEMBER_KEYS: readonly MemberKey[] = ['xray', 'labs', 'notes'];
