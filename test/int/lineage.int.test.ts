/**
 * `lineage` and `lineageNeighbours` on the demo scenario (2,000 requests): upstream reaches the
 * data, downstream meets the prediction fan-in as an aggregate, paging returns every member once,
 * asOf hides later nodes, depth is capped, unknown ids are NOT_FOUND.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../server/src/errors';
import { LineageService, type LineageResult } from '../../server/src/lineage/lineage.service';
import { MAX_DEPTH, typesFor } from '../../server/src/lineage/lineage.traverse';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { expectErrorCode, loadDemoGraph } from '../support/demo-graph';
import type { TestGraph } from '../support/neo4j';
import { startTestServer } from '../support/server';

let graph: TestGraph;
let scenario: DemoScenario;
let lineage: LineageService;

/** Shortest hop count from the root to every node, over the returned edges (undirected). */
function distances(result: LineageResult): Map<string, number> {
  const adjacent = new Map<string, string[]>();
  for (const edge of result.edges) {
    adjacent.set(edge.source, [...(adjacent.get(edge.source) ?? []), edge.target]);
    adjacent.set(edge.target, [...(adjacent.get(edge.target) ?? []), edge.source]);
  }
  const seen = new Map([[result.root.id, 0]]);
  const queue = [result.root.id];
  while (queue.length) {
    const id = queue.shift()!;
    for (const next of adjacent.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.set(next, seen.get(id)! + 1);
      queue.push(next);
    }
  }
  return seen;
}

beforeAll(async () => {
  ({ graph, scenario } = await loadDemoGraph({ seed: 42, predictions: 2_000, readOnly: true }));
  lineage = new LineageService(graph.executor);
});

afterAll(async () => {
  await graph?.driver.close();
});

describe('lineage upstream', () => {
  it('walks from a prediction through model, member, training run and data version to datasets', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const result = await lineage.lineage({ nodeId: sample.predictionId, direction: 'UPSTREAM', depth: 6 });
    const ids = new Set(result.nodes.map((n) => n.id));
    for (const id of [
      ...sample.modelVersionIds,
      ...sample.ensembleMembers.map((m) => m.modelVersionId),
      ...sample.trainingRunIds,
      ...sample.datasetVersionIds,
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    const datasets = result.nodes.filter((n) => n.type === 'Dataset');
    expect(datasets.length).toBeGreaterThan(0);
    const depth = distances(result);
    expect(Math.max(...datasets.map((d) => depth.get(d.id)!))).toBeGreaterThanOrEqual(5);
    // Upstream never turns back toward effects: no other predictions, no aggregates of them.
    expect(result.nodes.filter((n) => n.type === 'Prediction').map((n) => n.id)).toEqual([sample.predictionId]);
    expect(result.depthCapped).toBe(false);
    expect(result.depth).toBeLessThanOrEqual(6);
  });

  it('walks depth 10: every node within ten hops, the data reached, three bounded queries', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const observed: string[] = [];
    graph.executor.observer = { observeQuery: (name) => observed.push(name), countNeo4jError: () => {} };
    try {
      const result = await lineage.lineage({ nodeId: sample.predictionId, direction: 'UPSTREAM', depth: 10, neighbourLimit: 50 });
      expect(result.depthCapped).toBe(false);
      expect(result.depth).toBeGreaterThanOrEqual(5);
      expect(result.depth).toBeLessThanOrEqual(10);
      expect(Math.max(...distances(result).values())).toBeLessThanOrEqual(10);
      expect(result.nodes.some((n) => n.type === 'Dataset')).toBe(true);
      expect(result.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(sample.datasetVersionIds));
      // Three round trips whatever the depth: the root, the nodes to expand, their neighbour groups.
      expect(observed).toEqual(['lineage/find-node', 'lineage/reach', 'lineage/expand']);
    } finally {
      graph.executor.observer = undefined;
    }
  });

  it('filters returned nodes by type while walking through the others', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const result = await lineage.lineage({ nodeId: sample.predictionId, depth: 6, types: ['DatasetVersion'] });
    expect(new Set(result.nodes.map((n) => n.type))).toEqual(new Set(['Prediction', 'DatasetVersion']));
    expect(result.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(sample.datasetVersionIds));
  });
});

describe('lineage downstream and aggregation', () => {
  const dataVersionOf = () => scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected.datasetVersionIds[0]!;

  it('meets the prediction fan-in as an Aggregate with its count', async () => {
    const result = await lineage.lineage({ nodeId: dataVersionOf(), direction: 'DOWNSTREAM', depth: 6, neighbourLimit: 50 });
    const aggregates = result.nodes.filter((n) => n.type === 'Aggregate' && n.aggregate?.of === 'Prediction');
    expect(aggregates.length).toBeGreaterThan(0);
    for (const aggregate of aggregates) {
      expect(aggregate.aggregate!.count).toBeGreaterThan(50);
      expect(aggregate.id).toBe(`${aggregate.id.split(':')[0]}:${aggregate.aggregate!.relType}:Prediction`);
      expect(result.truncated.some((t) => t.aggregateId === aggregate.id && t.count === aggregate.aggregate!.count)).toBe(true);
    }
    // Nothing of a truncated group is returned one by one.
    expect(result.nodes.filter((n) => n.type === 'Prediction')).toEqual([]);
  });

  it('pages through an aggregate: every id exactly once, matching the count', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const ensemble = sample.modelVersionIds[0]!;
    const result = await lineage.lineage({ nodeId: ensemble, direction: 'DOWNSTREAM', depth: 1, neighbourLimit: 10 });
    const marker = result.truncated.find((t) => t.relType === 'USED' && t.type === 'Prediction')!;
    expect(marker).toBeDefined();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 1_000; page++) {
      const next = await lineage.neighbours({ nodeId: ensemble, relType: 'USED', type: 'Prediction', first: 97, after });
      seen.push(...next.nodes.map((n) => n.id));
      for (const edge of next.edges) expect(edge).toMatchObject({ target: ensemble, type: 'USED' });
      if (!next.hasNextPage) break;
      after = next.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(marker.count);
    expect(seen).toContain(sample.predictionId);
  });

  it('pages a dense prediction fan-in from the id index exactly as it pages a sparse one', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const denseEverywhere = new LineageService(graph.executor, 1);
    const pageAll = async (service: LineageService, nodeId: string, relType: string, first: number) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 1_000; page++) {
        const next = await service.neighbours({ nodeId, relType, type: 'Prediction', first, after });
        ids.push(...next.nodes.map((n) => n.id));
        if (!next.hasNextPage) break;
        after = next.endCursor;
      }
      return ids;
    };
    for (const [nodeId, relType, first] of [
      [sample.modelVersionIds[0]!, 'USED', 61],
      [sample.inferenceRunId, 'MADE_BY', 1],
    ] as const) {
      const sparse = await pageAll(lineage, nodeId, relType, first);
      expect(sparse.length).toBeGreaterThan(first);
      expect(await pageAll(denseEverywhere, nodeId, relType, first)).toEqual(sparse);
    }
    const before = new Date(Date.parse(sample.at) - 365 * 24 * 3600 * 1000).toISOString();
    const none = await denseEverywhere.neighbours({ nodeId: sample.modelVersionIds[0]!, relType: 'USED', type: 'Prediction', first: 10, asOf: before });
    expect(none).toMatchObject({ nodes: [], hasNextPage: false });
  });

  it('asOf hides nodes that did not exist yet', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const ensemble = sample.modelVersionIds[0]!;
    const now = await lineage.lineage({ nodeId: ensemble, direction: 'DOWNSTREAM', depth: 1, neighbourLimit: 500 });
    const approvalsNow = now.nodes.filter((n) => n.type === 'Approval' || n.type === 'Deployment');
    expect(approvalsNow.length).toBeGreaterThan(0);
    // Just before the first approval or deployment: those are hidden, the version is still there.
    const times = approvalsNow.map((n) => Date.parse(String(n.properties.at ?? n.properties.from)));
    const before = new Date(Math.min(...times) - 1).toISOString();
    const then = await lineage.lineage({ nodeId: ensemble, direction: 'DOWNSTREAM', depth: 1, neighbourLimit: 500, asOf: before });
    expect(then.nodes.filter((n) => n.type === 'Approval' || n.type === 'Deployment')).toEqual([]);
    expect(then.root.id).toBe(ensemble);
    const pages = await lineage.neighbours({ nodeId: ensemble, relType: 'USED', type: 'Prediction', first: 10, asOf: before });
    expect(pages.nodes).toEqual([]);
  });
});

describe('lineage plan', () => {
  it('reads a fan-in over the limit from the degree store, never relationship by relationship', async () => {
    const ensemble = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected.modelVersionIds[0]!;
    const [root] = await graph.executor.run<{ elementId: string }>('lineage/find-node', { id: ensemble });
    const session = graph.driver.session({ defaultAccessMode: 'READ' });
    try {
      const params = { ids: [root!.elementId], ...typesFor('DOWNSTREAM'), limit: neo4j.int(10), asOf: null };
      const result = await session.run(`PROFILE ${graph.registry.get('lineage/expand').text}`, params);
      let dbHits = 0;
      const scans: string[] = [];
      const walk = (plan: { operatorType: string; dbHits: number; children: unknown[] }) => {
        dbHits += plan.dbHits;
        if (/Scan/.test(plan.operatorType)) scans.push(plan.operatorType);
        plan.children.forEach((child) => walk(child as typeof plan));
      };
      walk(result.summary.profile as never);
      const bulky = result.records[0]!.get('bulky') as Array<{ rel: string; count: unknown }>;
      const usedCount = neo4j.integer.toNumber(bulky.find((b) => b.rel === 'USED')!.count as number);
      expect(scans).toEqual([]);
      // Hundreds of predictions used this version; the hop touched far fewer records than that.
      expect(usedCount).toBeGreaterThan(100);
      expect(dbHits).toBeLessThan(usedCount);
    } finally {
      await session.close();
    }
  });
});

describe('lineage limits and errors', () => {
  it('caps depth at 10 and reports it', async () => {
    const sample = scenario.truth.samples[0]!.expected;
    const result = await lineage.lineage({ nodeId: sample.predictionId, direction: 'BOTH', depth: 25, neighbourLimit: 5 });
    expect(result.depthCapped).toBe(true);
    expect(result.maxDepth).toBe(MAX_DEPTH);
    expect(result.depth).toBeLessThanOrEqual(MAX_DEPTH);
    const uncapped = await lineage.lineage({ nodeId: sample.predictionId, depth: 10 });
    expect(uncapped.depthCapped).toBe(false);
  });

  it('NOT_FOUND for an unknown node; BAD_USER_INPUT for bad limits and relationship types', async () => {
    await expectErrorCode(lineage.lineage({ nodeId: 'no-such-node' }), ErrorCode.NOT_FOUND);
    await expectErrorCode(lineage.neighbours({ nodeId: 'no-such-node', relType: 'USED', type: 'Prediction' }), ErrorCode.NOT_FOUND);
    await expectErrorCode(lineage.lineage({ nodeId: 'x', neighbourLimit: 0 }), ErrorCode.BAD_USER_INPUT);
    await expectErrorCode(lineage.lineage({ nodeId: 'x', depth: -1 }), ErrorCode.BAD_USER_INPUT);
    await expectErrorCode(lineage.lineage({ nodeId: 'x', types: ['Datasets'] }), ErrorCode.BAD_USER_INPUT);
    await expectErrorCode(lineage.neighbours({ nodeId: 'x', relType: 'NOT_A_REL', type: 'Prediction' }), ErrorCode.BAD_USER_INPUT);
  });

  it('is served over GraphQL with defaults', async () => {
    const server = await startTestServer();
    try {
      const sample = scenario.truth.samples[0]!.expected;
      const result = await server.gql<{ lineage: { root: { id: string }; depth: number; nodes: Array<{ id: string }> } }>(
        `query ($id: String!) { lineage(nodeId: $id) { root { id type } nodes { id type label properties aggregate { count relType of outgoing } }
          edges { source target type properties } depth depthCapped maxDepth truncated { nodeId relType type count aggregateId outgoing } nodeLimitReached } }`,
        { id: sample.predictionId },
      );
      expect(result.body.errors).toBeUndefined();
      expect(result.body.data?.lineage.root.id).toBe(sample.predictionId);
      expect(result.body.data?.lineage.depth).toBe(3);
      const page = await server.gql<{ lineageNeighbours: { nodes: Array<{ id: string }>; hasNextPage: boolean } }>(
        'query ($id: String!) { lineageNeighbours(nodeId: $id, relType: "MADE_BY", type: "Run", first: 5) { nodes { id } edges { source target type } endCursor hasNextPage } }',
        { id: sample.predictionId },
      );
      expect(page.body.errors).toBeUndefined();
      expect(page.body.data?.lineageNeighbours.nodes.map((n) => n.id)).toEqual([sample.inferenceRunId]);
      const missing = await server.gql('query { lineage(nodeId: "nope") { root { id } } }');
      expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      await server.close();
    }
  });
});
