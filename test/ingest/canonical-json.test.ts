// Beside the tests, not the server: it checks every item of the demo scenario, and the server never imports the seed.
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateScenario } from '../../seed/src/scenario';
import { canonicalJson } from '../../server/src/ingest/canonical-json';

// Content hashes already stored were computed with `canonicalize`: the faster serializer must
// give the same bytes for every JSON value, or a replayed item would look changed.
describe('canonicalJson', () => {
  it('equals canonicalize on any JSON value, including odd keys, lone surrogates and control characters', () => {
    const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 6 });
    fc.assert(
      fc.property(json, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
      { numRuns: 3000 },
    );
    const keyed = fc.dictionary(fc.string({ unit: 'binary' }), json, { maxKeys: 12 });
    fc.assert(
      fc.property(keyed, (value) => {
        expect(canonicalJson(value)).toBe(canonicalize(value));
      }),
    );
  });

  it('equals canonicalize on every item of the demo (predictions with inputs and attributions)', () => {
    const scenario = generateScenario({ seed: 3, predictions: 300 });
    const items = [...Object.values(scenario.base).flat(), ...[...scenario.predictionBatches()].flatMap((b) => b.predictions ?? [])];
    expect(items.length).toBeGreaterThan(600);
    for (const item of items) expect(canonicalJson(item)).toBe(canonicalize(item));
  });

  it('skips undefined members, writes undefined array slots as null, and refuses what JSON cannot carry', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, -0, 1e21] })).toBe('{"b":1,"c":[null,0,1e+21]}');
    expect(canonicalJson(undefined)).toBeUndefined();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1n]) {
      expect(() => canonicalJson({ x: bad })).toThrow();
      expect(() => canonicalize({ x: bad })).toThrow();
    }
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow();
  });
});
