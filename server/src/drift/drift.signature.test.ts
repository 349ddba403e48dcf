import { describe, expect, it } from 'vitest';
import { compareSignatures, sketchSample } from './drift.compare';
import { quantile } from './drift.metrics';
import { accept, emptySignature, fromStored, MAX_CATEGORIES, merge, missingRate, OTHER, summarizeRows, toStored } from './drift.signature';

describe('signatures', () => {
  it('count values and missing ones, and survive the stored form', () => {
    const sigs = summarizeRows([{ a: 1, b: 'x' }, { a: null, b: 'y' }, { a: 3 }, { a: 0, b: true }]);
    const a = sigs.get('a')!;
    expect([a.kind, a.rows, a.count, a.min, a.max, missingRate(a)]).toEqual(['NUMERIC', 4, 3, 0, 3, 0.25]);
    const b = fromStored(toStored(sigs.get('b')!));
    expect([b.kind, b.rows, b.count]).toEqual(['CATEGORICAL', 4, 3]);
    expect(Object.fromEntries(b.categories!)).toEqual({ x: 1, y: 1, true: 1 });
    const back = fromStored(toStored(a));
    expect(back.count).toBe(3);
    expect(sketchSample(back).weights.reduce((s, w) => s + w, 0)).toBe(3);
  });

  it('merge like one signature over all rows (within the sketch accuracy)', () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => ({ v: (i * 7919) % 1000 }));
    const whole = summarizeRows(rows).get('v')!;
    const left = summarizeRows(rows.slice(0, 700)).get('v')!;
    merge(left, fromStored(toStored(summarizeRows(rows.slice(700)).get('v')!)));
    expect([left.rows, left.count, left.min, left.max]).toEqual([whole.rows, whole.count, whole.min, whole.max]);
    for (const q of [0.1, 0.5, 0.9]) {
      const exact = quantile(sketchSample(whole), q);
      expect(Math.abs(quantile(sketchSample(left), q) - exact)).toBeLessThanOrEqual(0.02 * exact);
    }
    expect(compareSignatures(whole, left)!.psi).toBeCloseTo(0, 9);
  });

  it('merge stored sketches without losing buckets (hourly runs into a day)', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({ v: ((i * 7919) % 1000) / 1000 }));
    const whole = summarizeRows(rows).get('v')!;
    let day: ReturnType<typeof fromStored> | null = null;
    for (let h = 0; h < 24; h++) {
      const part = fromStored(toStored(summarizeRows(rows.filter((_, i) => i % 24 === h)).get('v')!));
      if (!day) day = part;
      else merge(day, part);
    }
    expect(day!.count).toBe(400);
    expect(sketchSample(day!).weights.reduce((s, w) => s + w, 0)).toBe(400);
    expect(compareSignatures(whole, day!)!.psi).toBeCloseTo(0, 9);
  });

  it('bound categories, counting the rest as other', () => {
    const sig = emptySignature('c', 'CATEGORICAL');
    for (let i = 0; i < MAX_CATEGORIES + 10; i++) accept(sig, `v${i}`);
    expect(sig.categories!.size).toBe(MAX_CATEGORIES + 1);
    expect(sig.categories!.get(OTHER)).toBe(10);
  });

  it('a shifted feature drifts, an unshifted one does not', () => {
    const base = summarizeRows(Array.from({ length: 5_000 }, (_, i) => ({ v: 10 + ((i * 37) % 100) }))).get('v')!;
    const same = summarizeRows(Array.from({ length: 3_000 }, (_, i) => ({ v: 10 + ((i * 41) % 100) }))).get('v')!;
    const shifted = summarizeRows(Array.from({ length: 3_000 }, (_, i) => ({ v: 40 + ((i * 41) % 100) }))).get('v')!;
    expect(compareSignatures(base, same)!.psi).toBeLessThan(0.02);
    expect(compareSignatures(base, shifted)!.psi).toBeGreaterThan(0.5);
    expect(compareSignatures(base, shifted)!.ks).toBeGreaterThan(0.25);
  });
});
