/**
 * The drift metrics against scipy on the same samples: exact data must agree to rounding (KS
 * exactly); metrics computed from DDSketch signatures must stay within the bounds the README
 * states for the sketch's 1% relative accuracy.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareSignatures, compareSamples } from '../../server/src/drift/drift.compare';
import { binEdges, sampleOf } from '../../server/src/drift/drift.metrics';
import { summarizeRows } from '../../server/src/drift/drift.signature';
import { venvPython } from './venv';
import { VENVS } from './venvs';

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, 'drift_metrics.py');
// The newest releases that install on Python 3.11 (scipy 1.18 and numpy 2.5 need 3.12).

/** Bounds for sketch-based metrics against exact ones (README, "Drift and monitoring"). */
// PSI moves with whole 1% buckets crossing decile edges, so its bound grows with PSI itself.
const SKETCH_BOUNDS = { ks: 0.01, psi: (exact: number) => 0.01 + 0.1 * exact, js: 0.01 };

/** A small deterministic generator (mulberry32), so the samples are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(seed: number, n: number, f: (u: number) => number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => f(r()));
}

// CRP-like (rounded to 0.1 mg/L, so ties), a shifted assay, a quiet copy, and a continuous pair.
const crp = (u: number): number => Math.round(1500 * u ** 2.2) / 10;
const CASES = [
  { name: 'quiet', reference: draw(1, 5_000, crp), current: draw(2, 2_000, crp) },
  { name: 'assay shift', reference: draw(3, 5_000, crp), current: draw(4, 2_000, (u) => Math.round(10 * (1.6 * crp(u) + 8)) / 10) },
  { name: 'continuous', reference: draw(5, 4_000, (u) => 4 + 14 * u ** 1.3), current: draw(6, 3_000, (u) => 5 + 14 * u ** 1.1) },
];

interface Scipy {
  ks: number;
  wasserstein: number;
  psi: number;
  js: number;
}

let scipy: Scipy[];

beforeAll(async () => {
  const python = await venvPython(VENVS.driftInterop);
  const input = CASES.map((c) => ({ reference: c.reference, current: c.current, edges: binEdges(sampleOf(c.reference)) }));
  const child = run(python, [SCRIPT], { maxBuffer: 16 * 1024 * 1024 });
  child.child.stdin!.end(JSON.stringify(input));
  scipy = JSON.parse((await child).stdout) as Scipy[];
}, 900_000);

describe('drift metrics agree with scipy', () => {
  it.each(CASES.map((c, i) => [c.name, i] as const))('on exact data: %s', (_name, i) => {
    const c = CASES[i]!;
    const ours = compareSamples(sampleOf(c.reference), sampleOf(c.current));
    expect(ours.ks).toBe(scipy[i]!.ks);
    expect(ours.wasserstein!).toBeCloseTo(scipy[i]!.wasserstein, 9);
    expect(ours.psi).toBeCloseTo(scipy[i]!.psi, 12);
    expect(ours.js).toBeCloseTo(scipy[i]!.js, 12);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('from sketches, within the stated bounds: %s', (_name, i) => {
    const c = CASES[i]!;
    const ref = summarizeRows(c.reference.map((v) => ({ v }))).get('v')!;
    const cur = summarizeRows(c.current.map((v) => ({ v }))).get('v')!;
    const ours = compareSignatures(ref, cur)!;
    expect(Math.abs(ours.ks! - scipy[i]!.ks)).toBeLessThanOrEqual(SKETCH_BOUNDS.ks);
    expect(Math.abs(ours.psi - scipy[i]!.psi)).toBeLessThanOrEqual(SKETCH_BOUNDS.psi(scipy[i]!.psi));
    expect(Math.abs(ours.js - scipy[i]!.js)).toBeLessThanOrEqual(SKETCH_BOUNDS.js);
  });

  it('tells the planted shift from the quiet sample (scipy and ours)', () => {
    expect(scipy[0]!.psi).toBeLessThan(0.1);
    expect(scipy[1]!.psi).toBeGreaterThan(0.25);
  });
});
