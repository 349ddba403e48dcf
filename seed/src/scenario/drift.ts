/**
 * The drift story: the planted CRP assay change applied to serving values, and the baseline
 * samples each training dataset version sends (drawn from the values before the change).
 */
import { forkRng, round } from '../random';
import { FEATURES, ION_ID } from './catalog';
import type { Clock } from './clock';
import { datasetId } from './datasets';
import { ASSAY_CHANGE, BASELINE_ROWS } from './plan';
import { drawClinical } from './clinical';
import type { FullBundle } from './types';

/** Reports CRP the way the lab did at a given time. */
export class AssayChange {
  readonly fromMs: number;
  readonly toMs: number;

  constructor(clock: Clock) {
    this.fromMs = clock.ms(ASSAY_CHANGE.from[0], ASSAY_CHANGE.from[1]);
    this.toMs = clock.ms(ASSAY_CHANGE.to[0], ASSAY_CHANGE.to[1]);
  }

  reported(atMs: number, crp: number): number {
    return atMs >= this.fromMs && atMs < this.toMs ? round(ASSAY_CHANGE.factor * crp + ASSAY_CHANGE.offset, 1) : crp;
  }
}

/** A training dataset version's baseline sample: rows of the serving features derived from it. */
export interface BaselineSample {
  datasetVersionId: string;
  rows: Array<Record<string, string | number | boolean>>;
}

/** The serving input name of each value `drawClinical` returns. */
const INPUT_OF: Record<string, keyof ReturnType<typeof drawClinical>> = {
  xray_opacity_score: 'opacity',
  xray_nodule_prob: 'nodule',
  lab_wbc_count: 'wbc',
  lab_crp_mg_l: 'crp',
  lab_d_dimer: 'dDimer',
  notes_symptom_severity: 'severity',
  notes_red_flag_terms: 'redFlags',
  notes_icd10_chapter: 'chapter',
  patient_age: 'age',
  patient_sex: 'sex',
};

/** One baseline sample per version of every dataset that serving features derive from. */
export function baselineSamples(base: FullBundle, seed: number): BaselineSample[] {
  const out: BaselineSample[] = [];
  for (const version of base.datasetVersions) {
    const names = FEATURES.filter((f) => f.from.includes(version.datasetId) && INPUT_OF[f.name]).map((f) => f.name);
    if (names.length === 0) continue;
    const rng = forkRng(seed, `baseline:${version.id}`);
    const rows = Array.from({ length: BASELINE_ROWS }, () => {
      const values = drawClinical(rng);
      return Object.fromEntries(names.map((name) => [name, values[INPUT_OF[name]!]]));
    });
    out.push({ datasetVersionId: version.id, rows });
  }
  return out;
}

/** The planted drift episode, as the ground truth states it. */
export function driftTruth(clock: Clock, inferenceNodeIds: string[]) {
  return {
    ionId: ION_ID,
    feature: ASSAY_CHANGE.feature,
    from: clock.iso(ASSAY_CHANGE.from[0], ASSAY_CHANGE.from[1]),
    to: clock.iso(ASSAY_CHANGE.to[0], ASSAY_CHANGE.to[1]),
    quietFeature: ASSAY_CHANGE.quietFeature,
    pipelineNodeIds: inferenceNodeIds,
    datasetId: datasetId('lab-results'),
  };
}
