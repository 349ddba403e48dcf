/**
 * Drift metrics as pure functions: Kolmogorov–Smirnov and Wasserstein on weighted samples,
 * PSI and Jensen–Shannon on binned proportions. A weighted sample is either raw data (every
 * weight 1: the metrics are exact and agree with scipy) or a DDSketch's buckets (each bucket's
 * representative value with its count: values are off by at most the sketch's 1% relative
 * accuracy, so a metric moves only by the mass that sits within 1% of a bin edge or a step).
 */

/** Distinct values in ascending order with their weights (counts). */
export interface WeightedSample {
  values: number[];
  weights: number[];
}

/** Probabilities below this are floored before PSI divides by them (a bin empty on one side). */
export const PSI_FLOOR = 1e-4;
/** Bins of a numeric histogram: deciles of the baseline. */
export const DEFAULT_BINS = 10;

/** A weighted sample of raw values (non-finite values dropped). */
export function sampleOf(raw: readonly number[]): WeightedSample {
  const sorted = raw.filter(Number.isFinite).sort((a, b) => a - b);
  const values: number[] = [];
  const weights: number[] = [];
  for (const v of sorted) {
    if (values.length > 0 && values[values.length - 1] === v) weights[weights.length - 1]! += 1;
    else {
      values.push(v);
      weights.push(1);
    }
  }
  return { values, weights };
}

function total(s: WeightedSample): number {
  let n = 0;
  for (const w of s.weights) n += w;
  return n;
}

/** Walks both step CDFs over the union of values, calling `step(x, nextX, Fa, Fb)` after each value. */
function walkCdfs(a: WeightedSample, b: WeightedSample, step: (x: number, next: number, fa: number, fb: number) => void): void {
  const na = total(a);
  const nb = total(b);
  if (na === 0 || nb === 0) return;
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  while (i < a.values.length || j < b.values.length) {
    const x = Math.min(a.values[i] ?? Infinity, b.values[j] ?? Infinity);
    while (i < a.values.length && a.values[i] === x) ca += a.weights[i++]!;
    while (j < b.values.length && b.values[j] === x) cb += b.weights[j++]!;
    const next = Math.min(a.values[i] ?? Infinity, b.values[j] ?? Infinity);
    step(x, next, ca / na, cb / nb);
  }
}

/**
 * Two-sample Kolmogorov–Smirnov statistic: the largest gap between the two CDFs (0 when either
 * is empty). With whole-number weights (counts) the gap is found in integers and divided once
 * by the least common multiple of the sizes, as scipy's `ks_2samp` does, so both give the same
 * double for the same data.
 */
export function ksStatistic(a: WeightedSample, b: WeightedSample): number {
  const na = total(a);
  const nb = total(b);
  if (na === 0 || nb === 0) return 0;
  if (!Number.isInteger(na) || !Number.isInteger(nb) || na * nb > Number.MAX_SAFE_INTEGER) {
    let d = 0;
    walkCdfs(a, b, (_x, _next, fa, fb) => {
      d = Math.max(d, Math.abs(fa - fb));
    });
    return d;
  }
  let maxGap = 0;
  walkCdfs(a, b, (_x, _next, fa, fb) => {
    maxGap = Math.max(maxGap, Math.abs(Math.round(fa * na) * nb - Math.round(fb * nb) * na));
  });
  const g = gcd(na, nb);
  return maxGap / g / ((na / g) * nb);
}

function gcd(x: number, y: number): number {
  while (y) [x, y] = [y, x % y];
  return x;
}

/** First Wasserstein (earth mover's) distance: the area between the two CDFs. */
export function wasserstein(a: WeightedSample, b: WeightedSample): number {
  let area = 0;
  walkCdfs(a, b, (x, next, fa, fb) => {
    if (Number.isFinite(next)) area += Math.abs(fa - fb) * (next - x);
  });
  return area;
}

/** The value at quantile q (0..1) of a weighted sample: the smallest x with F(x) ≥ q. */
export function quantile(s: WeightedSample, q: number): number {
  const n = total(s);
  let c = 0;
  for (let i = 0; i < s.values.length; i++) {
    c += s.weights[i]!;
    if (c >= q * n) return s.values[i]!;
  }
  return s.values[s.values.length - 1] ?? NaN;
}

/** Interior bin edges at the baseline's quantiles (duplicates dropped, so ties share a bin). */
export function binEdges(baseline: WeightedSample, bins = DEFAULT_BINS): number[] {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantile(baseline, k / bins);
    if (Number.isFinite(e) && (edges.length === 0 || e > edges[edges.length - 1]!)) edges.push(e);
  }
  return edges;
}

/** Counts per bin; bin i holds x with edges[i-1] < x ≤ edges[i] (numpy's searchsorted, side 'left'). */
export function histogram(s: WeightedSample, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let bin = 0;
  for (let i = 0; i < s.values.length; i++) {
    while (bin < edges.length && s.values[i]! > edges[bin]!) bin++;
    counts[bin]! += s.weights[i]!;
  }
  return counts;
}

/** Counts as proportions (all zero for an empty histogram). */
export function proportions(counts: readonly number[]): number[] {
  const n = counts.reduce((sum, c) => sum + c, 0);
  return counts.map((c) => (n === 0 ? 0 : c / n));
}

/** Population stability index of `actual` against `expected` proportions, each floored at `PSI_FLOOR`. */
export function psi(expected: readonly number[], actual: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i]!, PSI_FLOOR);
    const a = Math.max(actual[i] ?? 0, PSI_FLOOR);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** Jensen–Shannon distance (base 2, so within [0, 1]) between two proportion vectors, as scipy defines it. */
export function jensenShannon(p: readonly number[], q: readonly number[]): number {
  const sp = p.reduce((s, x) => s + x, 0);
  const sq = q.reduce((s, x) => s + x, 0);
  if (sp === 0 || sq === 0) return 0;
  let div = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / sp;
    const b = (q[i] ?? 0) / sq;
    const m = (a + b) / 2;
    if (a > 0) div += a * Math.log2(a / m);
    if (b > 0) div += b * Math.log2(b / m);
  }
  return Math.sqrt(Math.max(0, div / 2));
}
