/**
 * Evaluation of one window: the run signatures of a pipeline node merged per feature, compared
 * with the baseline of the training data behind the models serving then and with the previous
 * window, and judged against the ION's policy. Pure, so it is tested without Neo4j.
 */
import { compareSignatures, type Comparison } from './drift.compare';
import { type FeatureSignature, fromStored, merge, missingRate, OUTPUT_FEATURE, SCORE_FEATURE, type StoredSignature } from './drift.signature';

/** An ION's drift policy (stored as a `DriftPolicy` node). */
export interface DriftPolicy {
  ionId: string;
  /** A window drifts when PSI against its baseline reaches this. */
  psiThreshold: number;
  /** ...or when KS reaches this (numeric features; null: PSI only). */
  ksThreshold: number | null;
  /** Fewer values than this in the window (or its baseline) are not judged. */
  minCount: number;
  /** Window length; windows align to multiples of it since the epoch (UTC). */
  windowHours: number;
  /** Features watched (null: every feature with a baseline). */
  features: string[] | null;
}

/** Stored signature rows of one window's runs. */
export type WindowRow = StoredSignature & { runId: string };

/** Merges run signatures into one per feature. */
export function mergeWindow(rows: readonly WindowRow[]): Map<string, FeatureSignature> {
  const out = new Map<string, FeatureSignature>();
  for (const row of rows) {
    const sig = fromStored(row);
    const into = out.get(sig.feature);
    if (!into) out.set(sig.feature, sig);
    else if (into.kind === sig.kind) merge(into, sig);
  }
  return out;
}

/** What one feature's window looked like and how it compared. */
export interface FeatureVerdict {
  feature: string;
  kind: FeatureSignature['kind'];
  rows: number;
  count: number;
  missingRate: number;
  vsBaseline: Comparison | null;
  vsPrevious: Comparison | null;
  baselineDatasetVersionId: string | null;
  threshold: number;
  drifted: boolean;
}

/** True for the score and output pseudo-features (compared with the previous window only). */
export function isPseudoFeature(feature: string): boolean {
  return feature === SCORE_FEATURE || feature === OUTPUT_FEATURE;
}

/** Judges each feature of a window. `baselines` maps feature → its baseline and dataset version. */
export function judgeWindow(
  policy: DriftPolicy,
  window: Map<string, FeatureSignature>,
  previous: Map<string, FeatureSignature> | null,
  baselines: Map<string, { signature: FeatureSignature; datasetVersionId: string }>,
): FeatureVerdict[] {
  const verdicts: FeatureVerdict[] = [];
  for (const [feature, sig] of [...window].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const baseline = isPseudoFeature(feature) ? undefined : baselines.get(feature);
    const vsBaseline = baseline ? compareSignatures(baseline.signature, sig) : null;
    const prev = previous?.get(feature);
    const vsPrevious = prev ? compareSignatures(prev, sig) : null;
    const watched = policy.features === null || policy.features.includes(feature);
    const enough = sig.count >= policy.minCount && (baseline?.signature.count ?? 0) >= policy.minCount;
    const over = vsBaseline !== null && (vsBaseline.psi >= policy.psiThreshold || (policy.ksThreshold !== null && (vsBaseline.ks ?? 0) >= policy.ksThreshold));
    verdicts.push({
      feature,
      kind: sig.kind,
      rows: sig.rows,
      count: sig.count,
      missingRate: missingRate(sig),
      vsBaseline,
      vsPrevious,
      baselineDatasetVersionId: baseline?.datasetVersionId ?? null,
      threshold: policy.psiThreshold,
      drifted: watched && enough && over,
    });
  }
  return verdicts;
}

/** Window starts covering [from, to), aligned to `hours` since the epoch. */
export function windowStarts(fromMs: number, toMs: number, hours: number): number[] {
  const step = hours * 3_600_000;
  const starts: number[] = [];
  for (let t = Math.floor(fromMs / step) * step; t < toMs; t += step) starts.push(t);
  return starts;
}
