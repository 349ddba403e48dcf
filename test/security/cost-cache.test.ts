/**
 * Query costs are cached per document, operation and the variables the cost can depend on.
 * The attack: warm the cache with cheap variables, then send the same document with variables
 * that make it expensive (a deeper, wider walk; a bigger page; fields switched on by @include),
 * hoping to be priced at the cached cost. Every cached answer must equal a fresh computation.
 */
import 'reflect-metadata';
import { type GraphQLSchema, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { CostCache, costVariables } from '../../server/src/graphql/cost-cache';
import { DEFAULT_REQUEST_LIMITS, operationCost } from '../../server/src/graphql/limits';
import { buildLineageSchema } from '../../server/src/graphql/schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildLineageSchema();
});

const LINEAGE = parse(`query Walk($id: String!, $depth: Int, $limit: Int, $direction: LineageDirection) {
  lineage(nodeId: $id, depth: $depth, neighbourLimit: $limit, direction: $direction) { nodes { id } }
}`);

const FRAGMENTED = parse(`query Pages($id: String!, $first: Int, $more: Boolean!, $first2: Int) {
  ...page
  other: lineageNeighbours(nodeId: $id, relType: "USED", type: "Prediction", first: 10) @include(if: $more) { nodes { id } }
  big: impact(nodeId: $id, first: $first2) @include(if: $more) { predictionCount }
}
fragment page on Query { lineageNeighbours(nodeId: $id, relType: "USED", type: "Prediction", first: $first) { nodes { id } } }`);

const ALIASED = parse(`query Three($d: Int) {
  a: lineage(nodeId: "a", depth: $d, neighbourLimit: 500, direction: BOTH) { nodes { id } }
  b: lineage(nodeId: "b", depth: $d, neighbourLimit: 500, direction: BOTH) { nodes { id } }
  c: lineage(nodeId: "c", depth: $d, neighbourLimit: 500, direction: BOTH) { nodes { id } }
}`);

const WHY = parse('query Why($key: String, $at: DateTime) { why(subjectKey: $key, at: $at) { prediction { id } } }');

describe('cached query costs', () => {
  it('depend on exactly the variables a cost estimator or directive reads', () => {
    expect(costVariables(schema, LINEAGE)).toEqual(['depth', 'direction', 'limit']);
    expect(costVariables(schema, FRAGMENTED)).toEqual(['first', 'first2', 'more']);
    expect(costVariables(schema, WHY)).toEqual([]);
  });

  it('price an expensive request at its own cost after a cheap one warmed the cache', () => {
    const cache = new CostCache(schema);
    const cases: Array<[ReturnType<typeof parse>, string, Record<string, unknown>]> = [
      [LINEAGE, 'Walk', { id: 'a', depth: 0 }],
      [LINEAGE, 'Walk', { id: 'b', depth: 10, limit: 500, direction: 'BOTH' }],
      [LINEAGE, 'Walk', { id: 'c', depth: 10, limit: 500, direction: 'BOTH' }],
      [LINEAGE, 'Walk', { id: 'd', depth: null }],
      [LINEAGE, 'Walk', { id: 'e' }],
      [FRAGMENTED, 'Pages', { id: 'x', first: 1, more: false, first2: 1000 }],
      [FRAGMENTED, 'Pages', { id: 'x', first: 1, more: true, first2: 1000 }],
      [FRAGMENTED, 'Pages', { id: 'y', first: 1000, more: true, first2: 1000 }],
      [WHY, 'Why', { key: 's1' }],
      [WHY, 'Why', { key: 's2', at: '2026-01-01T00:00:00Z' }],
    ];
    for (const [document, name, variables] of cases) {
      const fresh = operationCost(schema, document, variables, name);
      expect(
        cache.cost(document, name, variables, () => operationCost(schema, document, variables, name)),
        JSON.stringify(variables),
      ).toBe(fresh);
    }
    const priced = (variables: Record<string, unknown>) => cache.cost(ALIASED, 'Three', variables, () => operationCost(schema, ALIASED, variables, 'Three'))!;
    expect(priced({ d: 0 })).toBeLessThan(DEFAULT_REQUEST_LIMITS.expensiveCost);
    expect(priced({ d: 10 }), 'refused over the limit, warm cache or not').toBeGreaterThan(DEFAULT_REQUEST_LIMITS.maxCost);
  });

  it('compute the cost once for every why, whatever its subject', () => {
    const cache = new CostCache(schema);
    let computed = 0;
    for (let i = 0; i < 50; i++) {
      const variables = { key: `subject-${i}` };
      cache.cost(WHY, 'Why', variables, () => (computed++, operationCost(schema, WHY, variables, 'Why')));
    }
    expect(computed).toBe(1);
  });
});
