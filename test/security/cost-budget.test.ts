/**
 * The cost limit must stop the attack without touching real use: every operation of the web
 * UI, with the largest variables the UI sends, stays well under the limit and under the
 * "expensive" mark (so the per-principal cap never queues a person clicking around), while
 * the reproduced attack costs far more than the limit.
 */
import 'reflect-metadata';
import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLineageSchema } from '../../server/src/graphql/schema';
import { DEFAULT_REQUEST_LIMITS, operationCost } from '../../server/src/graphql/limits';
import * as ops from '../../web/src/api/operations';
import { AGGREGATE_PAGE } from '../../web/src/hooks/useLineageGraph';

let schema: Awaited<ReturnType<typeof buildLineageSchema>>;
beforeAll(async () => {
  schema = await buildLineageSchema();
});

const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), variables)!;

/** Each UI operation with the largest variables the UI sends (see the views and hooks). */
const UI_OPERATIONS: Array<[string, string, Record<string, unknown>]> = [
  ['SEARCH_ALL (n=50, SearchView MAX_FIRST)', ops.SEARCH_ALL, { text: 'credit', first: 50 }],
  ['WHY', ops.WHY, { predictionId: 'p' }],
  ['LINEAGE (depth 5, BOTH: LineageView max)', ops.LINEAGE, { nodeId: 'n', depth: 5, direction: 'BOTH' }],
  ['LINEAGE (depth 0: DetailsPanel)', ops.LINEAGE, { nodeId: 'n', depth: 0, direction: 'UPSTREAM' }],
  ['LINEAGE_NEIGHBOURS (AGGREGATE_PAGE)', ops.LINEAGE_NEIGHBOURS, { nodeId: 'n', relType: 'MADE_BY', type: 'Prediction', first: AGGREGATE_PAGE }],
  ['MODEL_VERSION', ops.MODEL_VERSION, { id: 'm' }],
  ['ION', ops.ION, { id: 'i' }],
  ['ION_TIMELINE (limit 300: IonPage)', ops.ION_TIMELINE, { ionId: 'i', limit: 300 }],
  ['RUN_STAGES', ops.RUN_STAGES, { runId: 'r' }],
  ['ME', ops.ME, {}],
];

describe('query cost budget', () => {
  it('covers every operation the web UI sends', () => {
    const exported = Object.entries(ops).filter(([, value]) => typeof value === 'string' && /^\s*query\b/.test(value)).map(([, value]) => value);
    expect(new Set(UI_OPERATIONS.map(([, query]) => query))).toEqual(new Set(exported));
  });

  it.each(UI_OPERATIONS)('%s stays under the expensive mark, far under the limit', (_name, query, variables) => {
    const price = cost(query, variables);
    expect(price).toBeGreaterThan(0);
    expect(price).toBeLessThan(DEFAULT_REQUEST_LIMITS.expensiveCost);
    expect(price * 5).toBeLessThan(DEFAULT_REQUEST_LIMITS.maxCost);
  });

  it('prices the reproduced attack (60 aliased maximal walks) at over 20× the limit', () => {
    const attack = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: lineage(nodeId: "x", depth: 10, direction: BOTH, neighbourLimit: 500) { root { id } nodes { id } }`).join(' ')} }`;
    expect(cost(attack)).toBeGreaterThan(20 * DEFAULT_REQUEST_LIMITS.maxCost);
  });

  it('grows lineage with depth × neighbourLimit × directions, and one maximal walk is allowed but expensive', () => {
    const walk = (depth: number, limit: number, direction: string) => cost(`{ lineage(nodeId: "x", depth: ${depth}, neighbourLimit: ${limit}, direction: ${direction}) { root { id } } }`);
    expect(walk(10, 500, 'BOTH')).toBeGreaterThan(2 * walk(10, 500, 'UPSTREAM') - 10);
    expect(walk(10, 500, 'UPSTREAM')).toBeGreaterThan(9 * walk(1, 500, 'UPSTREAM'));
    expect(walk(10, 500, 'UPSTREAM')).toBeGreaterThan(90 * walk(10, 5, 'UPSTREAM'));
    expect(walk(10, 500, 'BOTH')).toBeLessThan(DEFAULT_REQUEST_LIMITS.maxCost);
    expect(walk(10, 500, 'BOTH')).toBeGreaterThanOrEqual(DEFAULT_REQUEST_LIMITS.expensiveCost);
  });

  it('clamps out-of-range arguments, so they get their own BAD_USER_INPUT rather than a cost error', () => {
    expect(cost('{ lineage(nodeId: "x", depth: 1000000, neighbourLimit: 1000000) { root { id } } }')).toBeLessThan(DEFAULT_REQUEST_LIMITS.maxCost);
  });
});
