/**
 * The triage models' arithmetic. Every ensemble and surrogate version stores its linear scoring
 * spec in `hyperparameters.scoring`, so a prediction can be recomputed from its `inputs` alone:
 * score = sigmoid(bias + Σ coefficient_f · (x_f − baseline_f)), x_f = encoded value / scale,
 * attribution_f = coefficient_f · (x_f − baseline_f).
 */
import type { JsonObject } from '@ion-lineage/contract';
import { round, type Rng } from '../random';
import type { MemberKey } from './catalog';
import type { TriageOutput } from './types';

/** Score thresholds: at least CT_SCAN → CT scan, at least MRI → MRI, else no test. */
export const THRESHOLDS = { CT_SCAN: 0.7, MRI: 0.42 } as const;

/** Divisors that bring numeric inputs to roughly [0, 1]. */
export const SCALE: Record<string, number> = {
  xray_opacity_score: 1,
  xray_nodule_prob: 1,
  lab_wbc_count: 20,
  lab_crp_mg_l: 150,
  lab_d_dimer: 3,
  notes_symptom_severity: 1,
  notes_red_flag_terms: 4,
  patient_age: 100,
};

/** Encodings of categorical inputs. */
export const ENCODING: Record<string, Record<string, number>> = {
  patient_sex: { F: 0, M: 1 },
  notes_icd10_chapter: { J: 0.7, I: 0.6, R: 0.4, S: 0.5, C: 0.9, K: 0.3 },
  protocol_contrast_eligible: { true: 1, false: 0 },
};

/** Population means of the encoded inputs: attributions are relative to them. */
export const BASELINE: Record<string, number> = {
  xray_opacity_score: 0.4,
  xray_nodule_prob: 0.22,
  lab_wbc_count: 0.5,
  lab_crp_mg_l: 0.24,
  lab_d_dimer: 0.3,
  notes_symptom_severity: 0.5,
  notes_red_flag_terms: 0.2,
  notes_icd10_chapter: 0.57,
  patient_age: 0.58,
  patient_sex: 0.5,
  protocol_contrast_eligible: 0.88,
};

/** A linear scoring model over named inputs. */
export interface LinearScoring {
  bias: number;
  coefficients: Record<string, number>;
}

/** Per-member coefficients; an ensemble scales each member's by 3 × its weight. */
const MEMBER_COEFFICIENTS: Record<MemberKey, Record<string, number>> = {
  xray: { xray_opacity_score: 3.2, xray_nodule_prob: 2.6, patient_age: 1.0, patient_sex: 0.1 },
  labs: { lab_wbc_count: 1.6, lab_crp_mg_l: 2.4, lab_d_dimer: 2.0, patient_age: 0.8 },
  notes: { notes_symptom_severity: 2.8, notes_red_flag_terms: 2.2, notes_icd10_chapter: 1.5 },
};

/** A distilled approximation of an evenly weighted ensemble; it ignores the ICD-10 chapter. */
const SURROGATE_COEFFICIENTS: Record<string, number> = {
  xray_opacity_score: 3.2,
  xray_nodule_prob: 2.6,
  notes_symptom_severity: 2.8,
  notes_red_flag_terms: 2.2,
  lab_crp_mg_l: 2.4,
  lab_wbc_count: 1.6,
  lab_d_dimer: 2.0,
  patient_age: 1.8,
  patient_sex: 0.1,
  protocol_contrast_eligible: -0.3,
};

/** The ensemble's bias; every member's too, so a weighted mean of member logits (weights sum to 1) keeps it. */
const BIAS = -0.35;

/** Scoring of one member alone: its coefficients on the ensemble's scale (3×), with the shared bias. */
export function memberScoring(key: MemberKey): LinearScoring {
  const coefficients = Object.fromEntries(Object.entries(MEMBER_COEFFICIENTS[key]).map(([name, c]) => [name, 3 * c]));
  return { bias: BIAS, coefficients };
}

/**
 * Scoring of an ensemble: the weighted mean of its members' logits, folded into one linear
 * model. Coefficients are not rounded, so replaying the members and combining them by the
 * recorded weights gives the same score (to float rounding).
 */
export function ensembleScoring(members: ReadonlyArray<{ key: MemberKey; weight: number }>): LinearScoring {
  const coefficients: Record<string, number> = {};
  for (const { key, weight } of members) {
    for (const [name, c] of Object.entries(memberScoring(key).coefficients)) coefficients[name] = (coefficients[name] ?? 0) + weight * c;
  }
  return { bias: BIAS, coefficients };
}

/** Scoring of a surrogate version: the fixed tree approximation, jittered per version. */
export function surrogateScoring(rng: Rng): LinearScoring {
  const coefficients: Record<string, number> = {};
  for (const [name, c] of Object.entries(SURROGATE_COEFFICIENTS)) coefficients[name] = round(c * rng.range(0.93, 1.07));
  return { bias: round(-0.35 + rng.range(-0.05, 0.05)), coefficients };
}

/** The JSON stored in `hyperparameters.scoring`. */
export function scoringSpec(scoring: LinearScoring): JsonObject {
  const names = Object.keys(scoring.coefficients);
  return {
    kind: 'linear-logistic',
    bias: scoring.bias,
    coefficients: { ...scoring.coefficients },
    baselines: Object.fromEntries(names.map((n) => [n, BASELINE[n] ?? 0])),
    scale: Object.fromEntries(names.filter((n) => SCALE[n] !== undefined).map((n) => [n, SCALE[n]!])),
    encoding: Object.fromEntries(names.filter((n) => ENCODING[n] !== undefined).map((n) => [n, { ...ENCODING[n] }])),
    thresholds: { ...THRESHOLDS },
  };
}

/** Output class of a score. */
export function outputOf(score: number): TriageOutput {
  return score >= THRESHOLDS.CT_SCAN ? 'CT_SCAN' : score >= THRESHOLDS.MRI ? 'MRI' : 'NO_TEST';
}
