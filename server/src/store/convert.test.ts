import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { dateTimeToIso, fromNeo4j } from './convert';

/** Deterministic pseudo-random integers in [0, limit). */
function* randoms(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    yield state;
  }
}

describe('dateTimeToIso', () => {
  it('gives exactly the driver’s toStandardDate().toISOString() for datetimes of any offset, nanosecond and year', () => {
    const next = randoms(7);
    const pick = (limit: number) => next.next().value % limit;
    for (let i = 0; i < 20_000; i++) {
      const year = i % 50 === 0 ? 1 + pick(200) : 1900 + pick(300);
      const month = 1 + pick(12);
      const day = 1 + pick(new Date(Date.UTC(year, month, 0)).getUTCDate());
      const offset = (pick(2) ? 1 : -1) * pick(18 * 3600 + 1);
      const fields = [year, month, day, pick(24), pick(60), pick(60), pick(1_000_000_000)] as const;
      // Both as the driver hands them out: lossless Integers, and plain numbers.
      const lossless = new neo4j.types.DateTime(...(fields.map((f) => neo4j.int(f)) as [never, never, never, never, never, never, never]), neo4j.int(offset));
      const plain = new neo4j.types.DateTime(...fields, offset);
      for (const value of [lossless, plain]) expect(dateTimeToIso(value)).toBe(value.toStandardDate().toISOString());
    }
  });

  it('fromNeo4j converts what plain maps and lists nest: integers, nodes, relationships, dates', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Prediction'], { id: 'p-1', n: neo4j.int(7) }, 'e1');
    const rel = new neo4j.types.Relationship(neo4j.int(2), neo4j.int(1), neo4j.int(3), 'USED', { weight: 0.5 }, 'e2', 'e1', 'e3');
    const date = new neo4j.types.Date(2024, 2, 29);
    expect(fromNeo4j({ rows: [{ node, rel, count: neo4j.int(42), date, nothing: null }], flat: [neo4j.int(1), 'x'] })).toEqual({
      rows: [{ node: { __labels: ['Prediction'], id: 'p-1', n: 7 }, rel: { __type: 'USED', weight: 0.5 }, count: 42, date: '2024-02-29', nothing: null }],
      flat: [1, 'x'],
    });
  });

  it('is what fromNeo4j returns for a DateTime, nested or not', () => {
    const value = new neo4j.types.DateTime(2024, 2, 29, 23, 59, 59, 999_999_999, 3600);
    expect(fromNeo4j({ at: value, list: [value] })).toEqual({ at: '2024-02-29T22:59:59.999Z', list: ['2024-02-29T22:59:59.999Z'] });
  });
});
