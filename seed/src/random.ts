/**
 * Seeded randomness for the demo scenario.
 *
 * Two flavours, because the scenario needs both:
 * - sequential streams (`Rng`, mulberry32) for the small base graph, one stream per concern
 *   (`forkRng(seed, 'training')`) so that adding draws in one module never shifts another;
 * - counter-based draws (`rng.reset(indexSeed(...))`) for predictions, so prediction `i` can be
 *   rebuilt on its own without generating the `i - 1` before it.
 */
import { createHash } from 'node:crypto';

/** murmur3's 32-bit finalizer: a cheap bijective mix that spreads nearby inputs apart. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a of a string, finalised with `mix32`: stable labels for streams. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** Normalises any user seed (negative, fractional, > 2^32) to an unsigned 32-bit integer. */
export function normalizeSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  return Math.trunc(seed) >>> 0;
}

/** A per-item seed from a stream seed and an integer (e.g. a prediction index or an hour). */
export function indexSeed(streamSeed: number, index: number): number {
  // Two rounds so that index and index+1 land far apart even for streamSeed 0.
  return mix32(mix32(streamSeed ^ Math.imul(index + 1, 0x9e3779b9)) + index);
}

/** mulberry32: small, fast, good enough for demo data; its state is one 32-bit integer. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Restarts the stream at `seed` (reused per prediction to avoid allocating). */
  reset(seed: number): void {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
}

/** An independent stream for one concern of the scenario. */
export function forkRng(seed: number, label: string): Rng {
  return new Rng(mix32(normalizeSeed(seed) ^ hashString(label)));
}

const POWERS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

/** Rounds to `digits` (0–6) decimals, so JSON stays short and stable. */
export function round(value: number, digits = 4): number {
  const f = POWERS[digits] ?? 10 ** digits;
  return Math.round(value * f) / f;
}

/** SHA-256 hex of a string: deterministic digests for datasets and artifacts. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A git-commit-like 40-hex id derived from a label (code versions). */
export function gitSha(label: string): string {
  return sha256Hex(`git:${label}`).slice(0, 40);
}
