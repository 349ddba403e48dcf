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
import * as generated from '../../web/src/api/generated';
import { AGGREGATE_PAGE } from '../../web/src/hooks/useLineageGraph';

let schema: Awaited<ReturnType<typeof buildLineageSchema>>;
beforeAll(async () => {
  schema = await buildLineageSchema();
});

const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), variables)!;

/** The text of a generated operation document. */
const text = (document: { toString(): string }) => document.toString();

/** Each UI operation with the largest variables the UI sends (see the views and hooks). */
const UI_OPERATIONS: Array<[string, string, Record<string, unknown>]> = [
  ['SearchAll (n=50, SearchView MAX_FIRST)', text(generated.SearchAllDocument), { text: 'credit', first: 50 }],
  ['Why', text(generated.WhyDocument), { predictionId: 'p' }],
  ['Lineage (depth 5, BOTH: LineageView max)', text(generated.LineageDocument), { nodeId: 'n', depth: 5, direction: 'BOTH' }],
  ['Lineage (depth 0: DetailsPanel)', text(generated.LineageDocument), { nodeId: 'n', depth: 0, direction: 'UPSTREAM' }],
  ['Neighbours (AGGREGATE_PAGE)', text(generated.NeighboursDocument), { nodeId: 'n', relType: 'MADE_BY', type: 'Prediction', first: AGGREGATE_PAGE }],
  ['ModelVersion', text(generated.ModelVersionDocument), { id: 'm' }],
  ['Ion', text(generated.IonDocument), { id: 'i' }],
  ['IonTimeline (limit 300: IonPage)', text(generated.IonTimelineDocument), { ionId: 'i', limit: 300 }],
  ['RunStages', text(generated.RunStagesDocument), { runId: 'r' }],
  ['Me', text(generated.MeDocument), {}],
  ['Stats', text(generated.StatsDocument), {}],
  ['RecentPredictions', text(generated.RecentPredictionsDocument), {}],
  ['DriftSeries (MonitoringPage)', text(generated.DriftSeriesDocument), { ionId: 'i', modelVersionId: 'm' }],
  ['PredictionsDuringDrift (MonitoringPage)', text(generated.PredictionsDuringDriftDocument), { ionId: 'i', feature: 'f' }],
  ['Replay (ReplayPanel, with a what-if)', text(generated.ReplayDocument), { predictionId: 'p', withModelVersion: 'm' }],
  ['StartReplayJob (RunReplayPanel)', text(generated.StartReplayJobDocument), { runId: 'r' }],
  ['ReplayJob (RunReplayPanel polling)', text(generated.ReplayJobDocument), { id: 'j' }],
];

describe('query cost budget', () => {
  it('covers every operation the web UI sends', () => {
    const exported = Object.entries(generated)
      .filter(([name]) => name.endsWith('Document'))
      .map(([, value]) => text(value as { toString(): string }));
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
    const walk = (depth: number, limit: number, direction: string) =>
      cost(`{ lineage(nodeId: "x", depth: ${depth}, neighbourLimit: ${limit}, direction: ${direction}) { root { id } } }`);
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
