import { describe, expect, it } from 'vitest';
import { emptySignature, fromStored, merge, summarizeRows, toStored, type StoredSignature } from './drift.signature';
import { addRow, type BatchRun, mergeIntoStored } from './signature.batch';

/** The reference path: full signatures per batch, merged through the in-memory form. */
function reference(batches: Array<Array<Record<string, unknown>>>): Record<string, StoredSignature> {
  const out: Record<string, StoredSignature> = {};
  for (const rows of batches) {
    for (const sig of summarizeRows(rows).values()) {
      const before = out[sig.feature];
      const merged = before ? fromStored(before) : emptySignature(sig.feature, sig.kind);
      if (merged.kind === sig.kind) merge(merged, sig);
      else merged.rows += sig.rows;
      out[sig.feature] = toStored(merged);
    }
  }
  return out;
}

function fast(batches: Array<Array<Record<string, unknown>>>): Record<string, StoredSignature> {
  let text = '{}';
  for (const rows of batches) {
    const run: BatchRun = { rows: 0, features: new Map() };
    for (const row of rows) addRow(run, row);
    const features = JSON.parse(text) as Record<string, StoredSignature>;
    mergeIntoStored(features, run);
    text = JSON.stringify(features);
  }
  return JSON.parse(text) as Record<string, StoredSignature>;
}

describe('batch signatures (ingest fast path)', () => {
  it('store exactly what full signatures merged batch by batch store', () => {
    let s = 7;
    const u = () => (s = (s * 48271) % 2147483647) / 2147483647;
    const row = (i: number): Record<string, unknown> => ({
      x: u() < 0.1 ? null : (u() - 0.3) * 10 ** Math.floor(6 * u() - 3),
      z: u() < 0.2 ? 0 : 1e-12 * u(),
      c: `v${Math.floor(70 * u() ** 2)}`,
      b: u() < 0.5,
      late: i > 30 ? u() : undefined,
      flip: i % 40 < 20 ? u() : 'text',
      ...(i % 3 === 0 ? { sometimes: 'yes' } : {}),
    });
    const batches = [0, 1, 2, 3].map((b) => Array.from({ length: 25 + 20 * b }, (_, i) => row(i + 25 * b)));
    expect(fast(batches)).toEqual(reference(batches));
    expect(fast(batches).c!.min).toBeNull();
  });

  it('leave features with no present value untouched', () => {
    expect(
      fast([
        [
          { a: null, b: 1 },
          { a: undefined, b: 2 },
        ],
      ]),
    ).toEqual(
      reference([
        [
          { a: null, b: 1 },
          { a: undefined, b: 2 },
        ],
      ]),
    );
    expect(Object.keys(fast([[{ a: null }]]))).toEqual([]);
  });
});
