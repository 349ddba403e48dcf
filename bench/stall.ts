/**
 * `npm run bench -- --only stall [--sizes 2000] [--samples 200]`: does one heavy caller still
 * stall everyone? On a fresh database with the demo scenario, `why` is measured quiet, then
 * while a second caller runs the heaviest allowed query back to back (one maximal lineage walk:
 * depth 10, BOTH, neighbourLimit 500, from the busiest dataset version) and keeps sending the
 * reproduced attack (60 such walks aliased in one request, refused by its cost). Prints one
 * JSON line: `why` quiet and under each load (attack only, heavy walk only, both) with its p99
 * ratio to quiet (target: within 2×), the heavy query's own latency, how fast the attack is
 * refused, `/readyz` and `/healthz` under load, and the machine's load average (the figures
 * mean little on a machine busy with other work).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { graphqlClient } from '../server/src/graphql/graphql-client';
import { loadScenario } from '../seed/src/load';
import { generateScenario } from '../seed/src/scenario';
import { OPERATIONS, pickInputs } from './operations';
import { startServerProcess } from './server-process';
import { summarize } from './stats';

export interface StallBenchOptions {
  predictions: number;
  samples: number;
  warmup: number;
  seed: number;
}

const INGEST = 'mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { predictions { created } } }';
const walk = (alias: string) =>
  `${alias}: lineage(nodeId: $nodeId, depth: 10, direction: BOTH, neighbourLimit: 500) { nodes { id type } edges { source target } }`;
const HEAVY = `query Heavy($nodeId: String!) { ${walk('walk')} }`;
const ATTACK = `query Attack($nodeId: String!) { ${Array.from({ length: 60 }, (_, i) => walk(`a${i}`)).join(' ')} }`;

/** Posts one operation and returns its latency and error code (if any), never throwing on GraphQL errors. */
async function timedPost(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<{ ms: number; code?: string }> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { ms: performance.now() - started, code: body.errors?.[0]?.extensions?.code };
}

export async function benchStall(options: StallBenchOptions, emit: (record: Record<string, unknown>) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-stall-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '1g' });
  const server = await startServerProcess(neo4j.uri);
  try {
    const gql = graphqlClient(server.url, server.token);
    const scenario = generateScenario({ seed: options.seed, predictions: options.predictions });
    await loadScenario({ ingestBundle: (bundle) => gql(INGEST, { bundle }) }, scenario);
    const inputs = await pickInputs(gql, scenario, options.samples);
    const why = OPERATIONS.find((operation) => operation.name === 'why')!;
    const heavyRoot = inputs.impact[0]!.nodeId as string;
    const heavyToken = await server.tokenFor('bench-heavy');

    const measureWhy = async () => {
      const latencies: number[] = [];
      for (let i = 0; i < options.samples; i++) {
        const { ms, code } = await timedPost(server.url, server.token, why.query, inputs.why[i % inputs.why.length]!);
        if (code) throw new Error(`why failed: ${code}`);
        latencies.push(ms);
      }
      return summarize(latencies);
    };
    for (let i = 0; i < options.warmup; i++) await timedPost(server.url, server.token, why.query, inputs.why[i % inputs.why.length]!);
    const quiet = await measureWhy();
    const heavyQuiet = await timedPost(server.url, heavyToken, HEAVY, { nodeId: heavyRoot });

    /** Measures `why` while the heavy caller runs the allowed walk back to back and/or sends the attack. */
    const underLoad = async (load: { heavy: boolean; attack: boolean }) => {
      let stop = false;
      const heavy: number[] = [];
      const attacks: number[] = [];
      const outcomes = { heavy: new Map<string, number>(), attack: new Map<string, number>() };
      const count = (map: Map<string, number>, code?: string) => map.set(code ?? 'OK', (map.get(code ?? 'OK') ?? 0) + 1);
      const heavyLoop = (async () => {
        while (load.heavy && !stop) {
          const { ms, code } = await timedPost(server.url, heavyToken, HEAVY, { nodeId: heavyRoot });
          heavy.push(ms);
          count(outcomes.heavy, code);
        }
      })();
      const attackLoop = (async () => {
        while (load.attack && !stop) {
          const { ms, code } = await timedPost(server.url, heavyToken, ATTACK, { nodeId: heavyRoot });
          attacks.push(ms);
          count(outcomes.attack, code);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      // /healthz never touches Neo4j: slow there means the server's event loop is busy; /readyz
      // asks Neo4j, so slow there alone means the database is.
      const ready: number[] = [];
      const health: number[] = [];
      const probeLoop = (async () => {
        const base = server.url.replace(/\/graphql$/, '');
        while (!stop) {
          let started = performance.now();
          await fetch(`${base}/readyz`);
          ready.push(performance.now() - started);
          started = performance.now();
          await fetch(`${base}/healthz`);
          health.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const whyLoaded = await measureWhy();
      stop = true;
      await Promise.all([heavyLoop, attackLoop, probeLoop]);
      return {
        why: whyLoaded,
        whyP99Ratio: Math.round((whyLoaded.p99 / quiet.p99) * 100) / 100,
        whyP50Ratio: Math.round((whyLoaded.p50 / quiet.p50) * 100) / 100,
        ...(load.heavy ? { heavy: { ...summarize(heavy), outcomes: Object.fromEntries(outcomes.heavy) } } : {}),
        ...(load.attack ? { attack: { ...summarize(attacks), outcomes: Object.fromEntries(outcomes.attack) } } : {}),
        readyz: summarize(ready),
        healthz: summarize(health),
      };
    };

    emit({
      bench: 'stall',
      predictions: options.predictions,
      whyQuiet: quiet,
      heavyQuietMs: Math.round(heavyQuiet.ms),
      attackOnly: await underLoad({ heavy: false, attack: true }),
      heavyOnly: await underLoad({ heavy: true, attack: false }),
      heavyAndAttack: await underLoad({ heavy: true, attack: true }),
      loadAverage: os.loadavg().map((value) => Math.round(value * 10) / 10),
      cpus: os.cpus().length,
      unit: 'ms',
      what: 'why quiet, then while another caller sends the 60-alias attack every 100 ms, runs lineage(depth 10, BOTH, neighbourLimit 500) back to back, or both',
    });
  } finally {
    await server.stop();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
