/**
 * `lineage` costs a fixed number of round trips whatever the depth (find the root, reach, one
 * expand batch), and answers exactly what the per-hop walk answered: the reference below is the
 * former algorithm (one `lineage/expand` per hop folded by the same accumulator), run on the
 * demo graph plus a few Column nodes, upstream, downstream and both ways, with small and large
 * neighbour limits and asOf.
 */
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineageService } from '../../server/src/lineage/lineage.service';
import {
  clampDepth,
  filterByTypes,
  LineageAccumulator,
  MAX_FRONTIER,
  typesFor,
  type HopRow,
  type LineageDirection,
} from '../../server/src/lineage/lineage.traverse';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { loadDemoGraph } from '../support/demo-graph';
import type { TestGraph } from '../support/neo4j';

let graph: TestGraph;
let scenario: DemoScenario;
let lineage: LineageService;
/** The Column nodes this file adds to the shared graph, and removes at its end. */
let addedColumns: string[] = [];

interface Walk {
  nodeId: string;
  direction: LineageDirection;
  depth: number;
  neighbourLimit: number;
  asOf?: string | null;
}

/** The per-hop walk the service replaced: one `lineage/expand` round trip per hop. */
async function perHop(walk: Walk) {
  const [root] = await graph.executor.run<{ elementId: string; id: string; type: string; properties: Record<string, unknown> }>('lineage/find-node', {
    id: walk.nodeId,
  });
  const acc = new LineageAccumulator(root!);
  const { depth } = clampDepth(walk.depth);
  let frontier = [root!.elementId];
  let walked = 0;
  while (walked < depth && frontier.length > 0 && !acc.nodeLimitReached) {
    if (frontier.length > MAX_FRONTIER) {
      acc.nodeLimitReached = true;
      frontier = frontier.slice(0, MAX_FRONTIER);
    }
    const rows = await graph.executor.run<HopRow & Record<string, unknown>>('lineage/expand', {
      ids: frontier,
      ...typesFor(walk.direction),
      limit: walk.neighbourLimit,
      asOf: walk.asOf ?? null,
    });
    frontier = acc.applyHop(rows, walk.neighbourLimit);
    walked += 1;
  }
  const kept = filterByTypes(root!.id, [...acc.nodes.values()], [...acc.edges.values()], null);
  return { nodes: kept.nodes, edges: kept.edges, depth: walked, truncated: acc.truncated, nodeLimitReached: acc.nodeLimitReached };
}

/** Runs `fn` and returns the names of the queries it sent. */
async function roundTrips(fn: () => Promise<unknown>): Promise<string[]> {
  const observed: string[] = [];
  graph.executor.observer = { observeQuery: (name) => observed.push(name), countNeo4jError: () => {} };
  try {
    await fn();
  } finally {
    graph.executor.observer = undefined;
  }
  return observed;
}

const sorted = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));

beforeAll(async () => {
  // The worker's shared demo graph: the columns added below are removed again before the file
  // ends, and the shared graph's check fails the file if anything is left (test/support/shared-graph.ts).
  ({ graph, scenario } = await loadDemoGraph({ seed: 42, predictions: 2_000, readOnly: true }));
  lineage = new LineageService(graph.executor);
  // Column-level lineage (as the columnLineage facet records it) on the first dataset version's dataset.
  const dataVersion = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected.datasetVersionIds[0]!;
  const session = graph.driver.session();
  try {
    const created = await session.run(
      `MATCH (:DatasetVersion {id: $dataVersion})-[:VERSION_OF]->(d:Dataset)
       CREATE (a:Column {id: d.id + '#amount', name: 'amount'})-[:COLUMN_OF]->(d),
              (b:Column {id: d.id + '#amount_eur', name: 'amount_eur'})-[:COLUMN_OF]->(d),
              (b)-[:DERIVED_FROM]->(a)
       RETURN [a.id, b.id] AS ids`,
      { dataVersion },
    );
    addedColumns = created.records[0]!.get('ids') as string[];
  } finally {
    await session.close();
  }
});

afterAll(async () => {
  await graph?.driver.executeQuery('MATCH (c:Column) WHERE c.id IN $ids DETACH DELETE c', { ids: addedColumns });
  await graph?.driver.close();
});

describe('lineage round trips', () => {
  it('sends the same three queries at depth 2, 5 and 10: the count does not grow with depth', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const counts: number[] = [];
    for (const depth of [2, 5, 10]) {
      const names = await roundTrips(() => lineage.lineage({ nodeId: sample.predictionId, direction: 'UPSTREAM', depth }));
      expect(names).toEqual(['lineage/find-node', 'lineage/reach', 'lineage/expand']);
      counts.push(names.length);
    }
    // The per-hop walk it replaced grew by one query per hop.
    const before = await roundTrips(() => perHop({ nodeId: sample.predictionId, direction: 'UPSTREAM', depth: 10, neighbourLimit: 50 }));
    expect(before.length).toBeGreaterThan(counts[2]!);
    expect(new Set(counts)).toEqual(new Set([3]));
  });

  it('answers exactly what the per-hop walk answered, Columns, aggregates and caps included', async () => {
    const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const dataVersion = sample.datasetVersionIds[0]!;
    const walks: Walk[] = [
      { nodeId: sample.predictionId, direction: 'UPSTREAM', depth: 10, neighbourLimit: 50 },
      { nodeId: dataVersion, direction: 'DOWNSTREAM', depth: 6, neighbourLimit: 50 },
      { nodeId: dataVersion, direction: 'BOTH', depth: 4, neighbourLimit: 5 },
      { nodeId: sample.predictionId, direction: 'BOTH', depth: 10, neighbourLimit: 20 },
      { nodeId: sample.modelVersionIds[0]!, direction: 'DOWNSTREAM', depth: 3, neighbourLimit: 500 },
      { nodeId: sample.modelVersionIds[0]!, direction: 'BOTH', depth: 10, neighbourLimit: 500, asOf: '2024-01-01T00:00:00Z' },
    ];
    // Two walks at a time: one after another, Neo4j waited on the test and the test on Neo4j; more
    // at once on a loaded machine pushed the widest walk past the 15 s query timeout.
    const limit = pLimit(2);
    const answers = await Promise.all(walks.map((walk) => limit(async () => [await perHop(walk), await lineage.lineage(walk)] as const)));
    let columns = 0;
    for (const [i, walk] of walks.entries()) {
      const [expected, actual] = answers[i]!;
      const label = `${walk.direction} ${walk.nodeId} depth ${walk.depth} limit ${walk.neighbourLimit}`;
      expect(
        sorted(actual.nodes, (n) => n.id),
        label,
      ).toEqual(sorted(expected.nodes, (n) => n.id));
      expect(
        sorted(actual.edges, (e) => `${e.source} ${e.type} ${e.target}`),
        label,
      ).toEqual(sorted(expected.edges, (e) => `${e.source} ${e.type} ${e.target}`));
      expect(
        sorted(actual.truncated, (t) => t.aggregateId),
        label,
      ).toEqual(sorted(expected.truncated, (t) => t.aggregateId));
      expect({ depth: actual.depth, nodeLimitReached: actual.nodeLimitReached }, label).toEqual({
        depth: expected.depth,
        nodeLimitReached: expected.nodeLimitReached,
      });
      columns += actual.nodes.filter((n) => n.type === 'Column').length;
    }
    expect(columns).toBeGreaterThan(0);
  });
});
