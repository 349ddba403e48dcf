/**
 * Signatures: what one feature's values looked like over a set of rows (a training sample or
 * a serving window). Numeric features keep a DDSketch (mergeable, 1% relative accuracy),
 * categorical ones a frequency table of at most `MAX_CATEGORIES` values (the rest counted as
 * `OTHER`). Both count values and missing ones, and both merge, so serving windows grow batch
 * by batch without rescanning predictions.
 */
import { DDSketch } from '@datadog/sketches-js';

/** Relative accuracy of every numeric sketch; sketches merge only with equal accuracy. */
export const SKETCH_ACCURACY = 0.01;
/** Categories kept per feature before the rest are counted together. */
export const MAX_CATEGORIES = 50;
/** The category that counts values past `MAX_CATEGORIES`. */
export const OTHER = '__other__';
/** Pseudo-features for the prediction's score and output. */
export const SCORE_FEATURE = '__score';
export const OUTPUT_FEATURE = '__output';

export type SignatureKind = 'NUMERIC' | 'CATEGORICAL';

/** One feature's signature in memory. */
export interface FeatureSignature {
  feature: string;
  kind: SignatureKind;
  /** Rows seen (present or not). */
  rows: number;
  /** Rows where the value was present (non-null). */
  count: number;
  min: number | null;
  max: number | null;
  sketch: DDSketch | null;
  categories: Map<string, number> | null;
}

/** How a signature is stored on a `Signature` node (sketch as base64 protobuf, table as JSON). */
export interface StoredSignature {
  feature: string;
  kind: SignatureKind;
  rows: number;
  count: number;
  min: number | null;
  max: number | null;
  sketch: string | null;
  categories: string | null;
}

/** An empty signature of `kind`. */
export function emptySignature(feature: string, kind: SignatureKind): FeatureSignature {
  return {
    feature,
    kind,
    rows: 0,
    count: 0,
    min: null,
    max: null,
    sketch: kind === 'NUMERIC' ? new DDSketch({ relativeAccuracy: SKETCH_ACCURACY }) : null,
    categories: kind === 'CATEGORICAL' ? new Map() : null,
  };
}

/** The kind a value asks for: finite numbers are numeric, strings and booleans categorical. */
export function kindOf(value: unknown): SignatureKind | null {
  if (typeof value === 'number') return Number.isFinite(value) ? 'NUMERIC' : null;
  if (typeof value === 'string' || typeof value === 'boolean') return 'CATEGORICAL';
  return null;
}

/** Adds one row's value (undefined or null: missing). A value of the other kind counts as missing. */
export function accept(sig: FeatureSignature, value: unknown): void {
  sig.rows += 1;
  if (value === null || value === undefined) return;
  if (sig.kind === 'NUMERIC') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    sig.sketch!.accept(value);
    sig.min = sig.min === null ? value : Math.min(sig.min, value);
    sig.max = sig.max === null ? value : Math.max(sig.max, value);
  } else {
    if (typeof value !== 'string' && typeof value !== 'boolean') return;
    const key = String(value);
    const table = sig.categories!;
    if (table.has(key) || table.size < MAX_CATEGORIES) table.set(key, (table.get(key) ?? 0) + 1);
    else table.set(OTHER, (table.get(OTHER) ?? 0) + 1);
  }
  sig.count += 1;
}

/** Merges `other` into `into` (same feature and kind); categories past the bound go to `OTHER`. */
export function merge(into: FeatureSignature, other: FeatureSignature): void {
  if (into.kind !== other.kind) throw new Error(`cannot merge ${other.kind} into ${into.kind} signature of ${into.feature}`);
  into.rows += other.rows;
  into.count += other.count;
  if (other.min !== null) into.min = into.min === null ? other.min : Math.min(into.min, other.min);
  if (other.max !== null) into.max = into.max === null ? other.max : Math.max(into.max, other.max);
  if (into.sketch && other.sketch && other.count > 0) mergeSketch(into.sketch, other.sketch);
  if (into.categories && other.categories) {
    for (const [key, n] of other.categories) {
      if (into.categories.has(key) || into.categories.size < MAX_CATEGORIES) into.categories.set(key, (into.categories.get(key) ?? 0) + n);
      else into.categories.set(OTHER, (into.categories.get(OTHER) ?? 0) + n);
    }
  }
}

/** Missing values as a share of rows (0 for an empty signature). */
export function missingRate(sig: FeatureSignature): number {
  return sig.rows === 0 ? 0 : (sig.rows - sig.count) / sig.rows;
}

/**
 * Adds `other`'s buckets to `into` bucket by bucket. (The library's own merge lost the upper
 * buckets when both stores had been rebuilt from their stored buckets.)
 */
function mergeSketch(into: DDSketch, other: DDSketch): void {
  for (const [key, n] of bucketsOf(other.store)) into.store.add(key, n);
  for (const [key, n] of bucketsOf(other.negativeStore)) into.negativeStore.add(key, n);
  into.zeroCount += other.zeroCount;
  into.count += other.count;
}

/** A store's non-empty buckets as [key, count] pairs. */
function bucketsOf(store: DDSketch['store']): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (store.count === 0) return out;
  for (let key = store.minKey; key <= store.maxKey; key++) {
    const n = store.bins[key - store.offset] ?? 0;
    if (n > 0) out.push([key, n]);
  }
  return out;
}

/**
 * A sketch as JSON of its non-empty buckets (the library's protobuf form writes every bucket
 * between the lowest and highest, which for a small window is mostly zeros).
 */
export function encodeSketch(sketch: DDSketch): string {
  return JSON.stringify({ p: bucketsOf(sketch.store), n: bucketsOf(sketch.negativeStore), z: sketch.zeroCount });
}

/** Back from `encodeSketch` (same relative accuracy, so it merges with any other). */
export function decodeSketch(text: string): DDSketch {
  const { p, n, z } = JSON.parse(text) as { p: Array<[number, number]>; n: Array<[number, number]>; z: number };
  const sketch = new DDSketch({ relativeAccuracy: SKETCH_ACCURACY });
  let count = z;
  for (const [key, c] of p) {
    sketch.store.add(key, c);
    count += c;
  }
  for (const [key, c] of n) {
    sketch.negativeStore.add(key, c);
    count += c;
  }
  sketch.zeroCount = z;
  sketch.count = count;
  return sketch;
}

/** The stored form. */
export function toStored(sig: FeatureSignature): StoredSignature {
  return {
    feature: sig.feature,
    kind: sig.kind,
    rows: sig.rows,
    count: sig.count,
    min: sig.min,
    max: sig.max,
    sketch: sig.sketch ? encodeSketch(sig.sketch) : null,
    categories: sig.categories ? JSON.stringify(Object.fromEntries(sig.categories)) : null,
  };
}

/** Back from the stored form. */
export function fromStored(stored: StoredSignature): FeatureSignature {
  const sig = emptySignature(stored.feature, stored.kind);
  sig.rows = Number(stored.rows);
  sig.count = Number(stored.count);
  sig.min = stored.min ?? null;
  sig.max = stored.max ?? null;
  if (stored.kind === 'NUMERIC' && stored.sketch && sig.count > 0) sig.sketch = decodeSketch(stored.sketch);
  if (stored.kind === 'CATEGORICAL' && stored.categories) {
    const parsed = JSON.parse(stored.categories) as Record<string, number>;
    sig.categories = new Map(Object.entries(parsed));
  }
  return sig;
}

/**
 * Builds one signature per feature from rows of `{feature: value}` (plus the score and output
 * pseudo-features when `extra` gives them). A feature's kind is that of its first present value.
 */
export function summarizeRows(rows: ReadonlyArray<Record<string, unknown>>): Map<string, FeatureSignature> {
  const out = new Map<string, FeatureSignature>();
  for (const row of rows) {
    for (const [feature, value] of Object.entries(row)) {
      if (out.has(feature)) continue;
      const kind = kindOf(value);
      if (kind) out.set(feature, emptySignature(feature, kind));
    }
  }
  for (const row of rows) for (const sig of out.values()) accept(sig, row[sig.feature]);
  return out;
}
