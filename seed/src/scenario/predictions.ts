/**
 * Primary and control predictions, built one request at a time from a counter-based seed, so
 * request i costs the same whether it is the first or the ten-millionth, and can be rebuilt
 * alone for the ground truth. Scores come from each version's stored scoring spec.
 */
import type { AttributionInput, ModelVersionInput, PredictionInput } from '@ion-lineage/contract';
import { Rng, hashString, indexSeed, mix32, normalizeSeed, round } from '../random';
import { MISLOGGED_AT, REPEAT_SUBJECT, REPEAT_VISITS } from './plan';
import { outputOf } from './scoring';
import type { ServingRuns } from './serving-runs';
import type { ServingTimeline } from './serving';
import { compileScoring, encodeInto, type CompiledScoring } from './scoring-compile';
import { isoWithinHour, type Clock } from './clock';
import { drawClinical } from './clinical';
import { AssayChange } from './drift';

/** One request: its primary prediction and the control pipeline's mirror of it. */
export interface RequestPair {
  index: number;
  hour: number;
  primary: PredictionInput;
  control: PredictionInput;
}

/** A gateway bug logged the complement of the model's score, and the class of that (planted replay fault). */
function misLogged(score: number): { output: string; score: number } {
  const logged = round(1 - score);
  return { output: outputOf(logged), score: logged };
}

/** Zero-padded index used in prediction and request ids. */
export function padIndex(index: number): string {
  return String(index).padStart(9, '0');
}

/** Primary prediction id of request i; the control prediction appends `-ctl`. */
export function predictionId(index: number): string {
  return `pred-${padIndex(index)}`;
}

/** Builds request i deterministically. */
export class PredictionFactory {
  private readonly rng = new Rng(0);
  private readonly valueSeed: number;
  private readonly subjectSeed: number;
  private readonly patients: number;
  private readonly scoring = new Map<string, CompiledScoring>();
  private readonly encoded = new Float64Array(16);
  /** Indices of the planted repeat patient's visits, in time order. */
  readonly repeatIndices: number[];
  /** Planted: the request whose primary prediction was logged with another output than its model gave (-1: none). */
  readonly misloggedIndex: number;
  private readonly assay: AssayChange;

  constructor(
    seed: number,
    clock: Clock,
    private readonly timeline: ServingTimeline,
    private readonly runs: ServingRuns,
    modelVersions: readonly ModelVersionInput[],
  ) {
    const s = normalizeSeed(seed);
    this.valueSeed = mix32(s ^ hashString('prediction-values'));
    this.assay = new AssayChange(clock);
    this.subjectSeed = mix32(s ^ hashString('prediction-subjects'));
    // About three visits per patient on average, whatever the scale.
    this.patients = Math.max(100, Math.ceil(timeline.requests / 3));
    for (const mv of modelVersions) {
      const spec = mv.hyperparameters?.['scoring'];
      if (spec !== undefined) this.scoring.set(mv.id, compileScoring(mv.id, spec));
    }
    const taken = new Set<number>();
    for (const [day, hour] of REPEAT_VISITS) {
      let i = timeline.firstIndexAtOrAfter(clock.ms(day, hour));
      while (taken.has(i)) i++;
      if (i < timeline.requests) taken.add(i);
    }
    this.repeatIndices = [...taken].sort((a, b) => a - b);
    const mislogged = timeline.firstIndexAtOrAfter(clock.ms(...MISLOGGED_AT));
    this.misloggedIndex = mislogged < timeline.requests && !taken.has(mislogged) ? mislogged : -1;
  }

  /** Subject of request i: the planted repeat patient, or one of a pool that excludes it. */
  subjectKey(index: number): string {
    if (this.repeatIndices.includes(index)) return REPEAT_SUBJECT;
    return `patient-${String(1000 + (indexSeed(this.subjectSeed, index) % this.patients)).padStart(6, '0')}`;
  }

  private score(versionId: string, inputs: Record<string, string | number | boolean>): { score: number; output: string; attributions: AttributionInput[] } {
    const model = this.scoring.get(versionId);
    if (!model) throw new Error(`no scoring spec for ${versionId}`);
    encodeInto(model, inputs, this.encoded);
    let z = model.bias;
    const attributions: AttributionInput[] = new Array(model.terms.length);
    for (let t = 0; t < model.terms.length; t++) {
      const term = model.terms[t]!;
      const c = term.coefficient * (this.encoded[t]! - term.baseline);
      z += c;
      attributions[t] = { feature: term.name, contribution: round(c) };
    }
    const score = 1 / (1 + Math.exp(-z));
    // The class comes from the exact score (as the model computes it); only the logged score is rounded.
    return { score: round(score), output: outputOf(score), attributions };
  }

  /** Primary and control prediction of request i. */
  make(index: number): RequestPair {
    const atMs = this.timeline.atOf(index);
    const hour = this.timeline.hourOf(atMs);
    const slot = this.timeline.slots[hour]!;
    const r = this.rng;
    r.reset(indexSeed(this.valueSeed, index));
    const { age, sex, opacity, nodule, wbc, crp: trueCrp, dDimer, severity, redFlags, chapter, contrastOk } = drawClinical(r);
    // The planted assay change: the lab reports CRP on another scale for a known period.
    const crp = this.assay.reported(atMs, trueCrp);
    const inputs = {
      xray_opacity_score: opacity,
      xray_nodule_prob: nodule,
      lab_wbc_count: wbc,
      lab_crp_mg_l: crp,
      lab_d_dimer: dDimer,
      notes_symptom_severity: severity,
      notes_red_flag_terms: redFlags,
      notes_icd10_chapter: chapter,
      patient_age: age,
      patient_sex: sex,
    };
    const controlInputs = {
      xray_opacity_score: opacity,
      xray_nodule_prob: nodule,
      notes_symptom_severity: severity,
      notes_red_flag_terms: redFlags,
      lab_crp_mg_l: crp,
      lab_wbc_count: wbc,
      lab_d_dimer: dDimer,
      patient_age: age,
      patient_sex: sex,
      protocol_contrast_eligible: contrastOk,
    };
    const id = padIndex(index);
    const at = isoWithinHour(slot.isoPrefix, atMs - slot.startMs);
    const subjectKey = this.subjectKey(index);
    const main = this.score(slot.primary.modelVersionId, inputs);
    const recorded = atMs >= this.runs.missingFromMs && atMs < this.runs.missingToMs ? [] : [slot.primary.modelVersionId];
    const primary: PredictionInput = {
      id: `pred-${id}`,
      runId: slot.primary.runId,
      requestId: `req-${id}`,
      subjectKey,
      at,
      inputs,
      ...(index === this.misloggedIndex ? misLogged(main.score) : { output: main.output, score: main.score }),
      attributions: main.attributions,
      modelVersionIds: recorded,
    };
    const ctl = this.score(slot.control.modelVersionId, controlInputs);
    // The control pipeline mirrors the same request at the same instant, with its own model.
    const control: PredictionInput = {
      id: `pred-${id}-ctl`,
      runId: slot.control.runId,
      requestId: `req-${id}`,
      subjectKey,
      at,
      inputs: controlInputs,
      output: ctl.output,
      score: ctl.score,
      attributions: ctl.attributions,
      modelVersionIds: [slot.control.modelVersionId],
    };
    return { index, hour, primary, control };
  }
}
