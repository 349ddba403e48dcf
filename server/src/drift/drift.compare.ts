/**
 * Compares two signatures of one feature (a window against its baseline or the previous
 * window): PSI and Jensen–Shannon over shared bins, KS and Wasserstein for numeric features,
 * with the histograms the monitoring page draws.
 */
import { binEdges, histogram, jensenShannon, ksStatistic, proportions, psi, wasserstein, type WeightedSample } from './drift.metrics';
import type { FeatureSignature } from './drift.signature';

/** The result of one comparison. */
export interface Comparison {
  psi: number;
  js: number;
  /** Numeric features only. */
  ks: number | null;
  wasserstein: number | null;
  /** Bin labels: `≤ edge` per numeric bin (the last `> edge`), or category names. */
  bins: string[];
  reference: number[];
  current: number[];
}

/** A numeric signature's buckets as a weighted sample (each bucket at its representative value). */
export function sketchSample(sig: FeatureSignature): WeightedSample {
  const values: number[] = [];
  const weights: number[] = [];
  const sketch = sig.sketch;
  if (!sketch || sig.count === 0) return { values, weights };
  const { mapping, store, negativeStore } = sketch;
  for (let key = negativeStore.maxKey; key >= negativeStore.minKey && negativeStore.count > 0; key--) {
    const w = negativeStore.bins[key - negativeStore.offset] ?? 0;
    if (w > 0) {
      values.push(-mapping.value(key));
      weights.push(w);
    }
  }
  if (sketch.zeroCount > 0) {
    values.push(0);
    weights.push(sketch.zeroCount);
  }
  for (let key = store.minKey; key <= store.maxKey && store.count > 0; key++) {
    const w = store.bins[key - store.offset] ?? 0;
    if (w > 0) {
      values.push(mapping.value(key));
      weights.push(w);
    }
  }
  return { values, weights };
}

function formatEdge(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** Compares numeric samples: bins from the reference's deciles. */
export function compareSamples(reference: WeightedSample, current: WeightedSample): Comparison {
  const edges = binEdges(reference);
  const ref = histogram(reference, edges);
  const cur = histogram(current, edges);
  const bins = [...edges.map((e) => `≤ ${formatEdge(e)}`), `> ${formatEdge(edges[edges.length - 1] ?? 0)}`];
  const p = proportions(ref);
  const q = proportions(cur);
  return {
    psi: psi(p, q),
    js: jensenShannon(p, q),
    ks: ksStatistic(reference, current),
    wasserstein: wasserstein(reference, current),
    bins,
    reference: ref,
    current: cur,
  };
}

/** Compares category tables over the union of their categories (sorted, so results are stable). */
export function compareCategories(reference: Map<string, number>, current: Map<string, number>): Comparison {
  const bins = [...new Set([...reference.keys(), ...current.keys()])].sort();
  const ref = bins.map((b) => reference.get(b) ?? 0);
  const cur = bins.map((b) => current.get(b) ?? 0);
  const p = proportions(ref);
  const q = proportions(cur);
  return { psi: psi(p, q), js: jensenShannon(p, q), ks: null, wasserstein: null, bins, reference: ref, current: cur };
}

/** Compares two signatures of the same feature; null when either holds no values or the kinds differ. */
export function compareSignatures(reference: FeatureSignature, current: FeatureSignature): Comparison | null {
  if (reference.kind !== current.kind || reference.count === 0 || current.count === 0) return null;
  if (reference.kind === 'NUMERIC') return compareSamples(sketchSample(reference), sketchSample(current));
  return compareCategories(reference.categories!, current.categories!);
}
