/**
 * The ingest-time fast path of window signatures: a batch is summarized into plain bucket
 * counts (the DDSketch's own key mapping, applied directly, so no sketch objects are built per
 * run and feature) and merged straight into a run's stored JSON. The result is the same stored
 * form `toStored` writes, so everything that reads signatures is unchanged.
 */
import { DDSketch } from '@datadog/sketches-js';
import { kindOf, MAX_CATEGORIES, OTHER, SKETCH_ACCURACY, type SignatureKind, type StoredSignature } from './drift.signature';

/** One sketch's key mapping, shared: it is what `DDSketch.accept` uses to pick a bucket. */
const MAPPING = new DDSketch({ relativeAccuracy: SKETCH_ACCURACY }).mapping;

/** One feature's values within one run of one batch. */
export interface BatchFeature {
  kind: SignatureKind;
  /** Present values of the feature's kind (the rest of the run's rows count as missing). */
  count: number;
  min: number;
  max: number;
  /** Bucket counts by key, for positive and negative values; values near 0 go to `zero`. */
  pos: Map<number, number>;
  neg: Map<number, number>;
  zero: number;
  categories: Map<string, number>;
}

/** One run's part of a batch: its rows and, per feature, what they held. */
export interface BatchRun {
  rows: number;
  features: Map<string, BatchFeature>;
}

function newFeature(kind: SignatureKind): BatchFeature {
  return { kind, count: 0, min: Infinity, max: -Infinity, pos: new Map(), neg: new Map(), zero: 0, categories: new Map() };
}

function bump<K>(map: Map<K, number>, key: K, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Adds a category count, keeping at most `MAX_CATEGORIES` (the rest go to `OTHER`). */
function addCategory(table: Map<string, number>, key: string, n: number): void {
  bump(table, table.has(key) || table.size < MAX_CATEGORIES ? key : OTHER, n);
}

/**
 * Adds one row's values to a run. A feature takes the kind of its first present value; values
 * of the other kind, null or absent count as missing (the run's rows minus the feature's count).
 */
export function addRow(run: BatchRun, row: Record<string, unknown>): void {
  run.rows += 1;
  for (const feature in row) {
    const value = row[feature];
    let f = run.features.get(feature);
    if (!f) {
      const kind = kindOf(value);
      if (!kind) continue;
      run.features.set(feature, (f = newFeature(kind)));
    }
    if (f.kind === 'NUMERIC') {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      if (value > MAPPING.minPossible) bump(f.pos, MAPPING.key(value), 1);
      else if (value < -MAPPING.minPossible) bump(f.neg, MAPPING.key(-value), 1);
      else f.zero += 1;
      if (value < f.min) f.min = value;
      if (value > f.max) f.max = value;
    } else {
      if (typeof value !== 'string' && typeof value !== 'boolean') continue;
      addCategory(f.categories, String(value), 1);
    }
    f.count += 1;
  }
}

type Buckets = Array<[number, number]>;

/** Stored buckets plus a batch's, ascending by key like `encodeSketch` writes them. */
function mergeBuckets(stored: Buckets, add: Map<number, number>): Buckets {
  if (add.size === 0) return stored;
  const all = new Map<number, number>(stored);
  for (const [key, n] of add) bump(all, key, n);
  return [...all].sort((a, b) => a[0] - b[0]);
}

/**
 * Merges a run's batch part into its stored features (`{feature: StoredSignature}`), in place.
 * A feature whose values changed kind keeps its first kind; the batch's values count as missing.
 */
export function mergeIntoStored(features: Record<string, StoredSignature>, run: BatchRun): void {
  for (const [feature, f] of run.features) {
    const before = features[feature] ?? emptyStored(feature, f.kind);
    features[feature] = before;
    before.rows = Number(before.rows) + run.rows;
    if (before.kind !== f.kind) continue;
    before.count = Number(before.count) + f.count;
    if (f.count === 0) continue;
    if (f.kind === 'NUMERIC') {
      before.min = before.min === null ? f.min : Math.min(before.min, f.min);
      before.max = before.max === null ? f.max : Math.max(before.max, f.max);
      const sketch = JSON.parse(before.sketch ?? '{"p":[],"n":[],"z":0}') as { p: Buckets; n: Buckets; z: number };
      before.sketch = JSON.stringify({ p: mergeBuckets(sketch.p, f.pos), n: mergeBuckets(sketch.n, f.neg), z: sketch.z + f.zero });
    } else {
      const table = new Map(Object.entries(JSON.parse(before.categories ?? '{}') as Record<string, number>));
      for (const [key, n] of f.categories) addCategory(table, key, n);
      before.categories = JSON.stringify(Object.fromEntries(table));
    }
  }
}

function emptyStored(feature: string, kind: SignatureKind): StoredSignature {
  const numeric = kind === 'NUMERIC';
  return { feature, kind, rows: 0, count: 0, min: null, max: null, sketch: numeric ? '{"p":[],"n":[],"z":0}' : null, categories: numeric ? null : '{}' };
}
