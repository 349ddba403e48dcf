import { describe, expect, it } from 'vitest';
import { Rng, forkRng, indexSeed, normalizeSeed, round } from './random';
import { isoWithinHour } from './scenario/clock';

describe('random', () => {
  it('replays the same stream for the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const xs = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Rng(8).next()).not.toBe(xs[0]);
  });

  it('keeps labelled streams independent and stable', () => {
    expect(forkRng(1, 'training').next()).toBe(forkRng(1, 'training').next());
    expect(forkRng(1, 'training').next()).not.toBe(forkRng(1, 'serving').next());
  });

  it('spreads per-index seeds', () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => indexSeed(0, i)));
    expect(seeds.size).toBe(10_000);
  });

  it('normalises seeds and rounds', () => {
    expect(normalizeSeed(-1)).toBe(4294967295);
    expect(normalizeSeed(3.9)).toBe(3);
    expect(() => normalizeSeed(Number.NaN)).toThrow(RangeError);
    expect(round(0.123456, 3)).toBe(0.123);
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(2, 5);
      expect(v >= 2 && v <= 5 && Number.isInteger(v)).toBe(true);
    }
  });

  it('formats times within an hour exactly like toISOString', () => {
    const start = Date.UTC(2026, 2, 5, 14);
    const prefix = new Date(start).toISOString().slice(0, 14);
    const r = new Rng(3);
    for (const offset of [0, 1, 59_999, 60_000, 3_599_999, ...Array.from({ length: 200 }, () => r.int(0, 3_599_999))]) {
      expect(isoWithinHour(prefix, offset)).toBe(new Date(start + offset).toISOString());
    }
  });
});
