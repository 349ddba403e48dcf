/**
 * What the API adds to `why` and `lineage` over their own Cypher sent straight over Bolt, in
 * one run: requests alternate between the server (HTTP, GraphQL, auth, masking, audit) and the
 * same queries from this process through a plain driver session, so both meet the same warm
 * database, the same load and the same inputs. Several rounds; the ratios quoted are the medians
 * of the rounds' ratios, with the load average at the start and end of the measurement.
 */
import os from 'node:os';
import neo4j, { type Driver } from 'neo4j-driver';
import { loadRegistry } from '../server/src/graph';
import { enableTcpNoDelayForBolt } from '../server/src/neo4j/tcp-nodelay';
import type { QueryName } from '../server/src/store/query-names';
import { MAX_FRONTIER, MAX_NODES, typesFor } from '../server/src/lineage/lineage.traverse';
import { summarize, type LatencySummary } from './stats';

type Gql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<T>;
type Variables = Record<string, unknown>;

/** One operation and the Cypher round trips the service sends for it. */
export interface RawComparable {
  name: 'why' | 'lineage';
  query: string;
  inputs: readonly Variables[];
}

export interface ApiVsRaw {
  api: LatencySummary;
  raw: LatencySummary;
  /** Median over rounds of (API p50 / raw p50) and (API p99 / raw p99). */
  p50Ratio: number;
  p99Ratio: number;
  rounds: Array<{ p50Ratio: number; p99Ratio: number }>;
  load: { start: number; end: number };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** The raw side: the service's own queries, by name, over one driver session each (auto-commit, as the executor sends reads). */
export function rawRunner(driver: Driver) {
  const registry = loadRegistry();
  const read = async (name: QueryName, params: Variables) => {
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    try {
      // Auto-commit, the shortest way to send one query (RUN and PULL in one round trip), as the executor does.
      const result = await session.run(registry.get(name).text, params);
      return result.records.map((record) => record.toObject());
    } finally {
      await session.close();
    }
  };
  const walk = { ...typesFor('UPSTREAM'), limit: 50, asOf: null };
  return {
    why: (variables: Variables) =>
      read('why/explain', { predictionId: null, subjectKey: variables.subjectKey, at: variables.at ?? null, output: null, windowMinutes: 60 }),
    // Root, bounded reach, one batched expand: the three round trips of lineage depth 10 upstream.
    lineage: async (variables: Variables) => {
      const [root] = await read('lineage/find-node', { id: variables.nodeId });
      const reach = { rootId: root!.elementId, hops: 9, ...walk, maxNodes: MAX_NODES, maxFrontier: MAX_FRONTIER, maxCandidates: 4 * MAX_NODES };
      const hint = await read('lineage/reach', reach);
      return read('lineage/expand', { ids: hint.map((row) => row.elementId), ...walk });
    },
  };
}

/** Measures API and raw latencies alternately, `rounds` rounds of `samples / rounds` each. */
export async function measureApiVsRaw(
  neo4jUri: string,
  gql: Gql,
  operations: readonly RawComparable[],
  options: { samples: number; warmup: number; rounds: number },
): Promise<Record<string, ApiVsRaw>> {
  // The server's driver settings: without TCP_NODELAY every round trip waits out Nagle's delay.
  enableTcpNoDelayForBolt();
  const driver = neo4j.driver(neo4jUri, neo4j.auth.basic('neo4j', 'local'), { disableLosslessIntegers: true });
  const raw = rawRunner(driver);
  const results: Record<string, ApiVsRaw> = {};
  try {
    for (const operation of operations) {
      const timed = async (call: () => Promise<unknown>) => {
        const started = performance.now();
        await call();
        return performance.now() - started;
      };
      const viaApi = (variables: Variables) => timed(() => gql(operation.query, variables));
      const viaRaw = (variables: Variables) => timed(() => raw[operation.name](variables));
      const inputs = operation.inputs;
      for (let i = 0; i < options.warmup; i++) {
        await viaApi(inputs[i % inputs.length]!);
        await viaRaw(inputs[i % inputs.length]!);
      }
      const load = { start: round2(os.loadavg()[0]!), end: 0 };
      const perRound = Math.max(1, Math.floor(options.samples / options.rounds));
      const allApi: number[] = [];
      const allRaw: number[] = [];
      const rounds: ApiVsRaw['rounds'] = [];
      for (let r = 0; r < options.rounds; r++) {
        const api: number[] = [];
        const direct: number[] = [];
        for (let i = 0; i < perRound; i++) {
          const variables = inputs[(r * perRound + i) % inputs.length]!;
          // Alternate which goes first, so neither always meets the other's freshly warmed cache.
          if (i % 2 === 0) {
            api.push(await viaApi(variables));
            direct.push(await viaRaw(variables));
          } else {
            direct.push(await viaRaw(variables));
            api.push(await viaApi(variables));
          }
        }
        const a = summarize(api);
        const d = summarize(direct);
        rounds.push({ p50Ratio: round2(a.p50 / d.p50), p99Ratio: round2(a.p99 / d.p99) });
        allApi.push(...api);
        allRaw.push(...direct);
      }
      load.end = round2(os.loadavg()[0]!);
      results[operation.name] = {
        api: summarize(allApi),
        raw: summarize(allRaw),
        p50Ratio: round2(median(rounds.map((x) => x.p50Ratio))),
        p99Ratio: round2(median(rounds.map((x) => x.p99Ratio))),
        rounds,
        load,
      };
    }
    return results;
  } finally {
    await driver.close();
  }
}
