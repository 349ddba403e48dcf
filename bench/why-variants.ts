/**
 * `npm run bench -- --only why-overhead [--sizes 20000] [--samples 1000] [--rounds 5]`
 *
 * What each step of the `why` fast path buys, in one run: several server processes on one
 * Neo4j, each with a setting switched off or on (the one-statement audit append, the JWT
 * verification cache), and `why/explain` sent straight over Bolt, all asked the same questions
 * in turn (the order rotates per request, so none always meets a cache the other warmed).
 * Beside the raw read, the audited floor (audited-floor.ts): the same read followed by the
 * service's own audit append statement over Bolt, the least an audited read can cost.
 * Per round, each server's p50 and p99 over the raw query's and over the floor's; the figures
 * are the medians of the rounds' ratios, with the load average at the start and end.
 */
import os from 'node:os';
import neo4j from 'neo4j-driver';
import { graphqlClient } from '../server/src/graphql/graphql-client';
import { enableTcpNoDelayForBolt } from '../server/src/neo4j/tcp-nodelay';
import { rawRunner } from './api-vs-raw';
import { auditedFloor } from './audited-floor';
import { startServerProcess, type ServerProcess } from './server-process';
import { median, processCpuMs, summarize, type LatencySummary } from './stats';

/** One server configuration to compare. */
export interface WhyVariant {
  label: string;
  env: Record<string, string>;
  /** Another checkout whose server runs this variant (default: this one). */
  root?: string;
}

/** Each variant's latencies and its ratios to the raw query (medians over rounds). */
export interface WhyVariantFigures {
  label: string;
  api: LatencySummary;
  p50Ratio: number;
  p99Ratio: number;
  /** p50 and p99 over the audited floor's (read + audit append over Bolt), medians over rounds. */
  p50VsFloor: number;
  p99VsFloor: number;
  /** p50 of this variant over the first one's, median over rounds. */
  p50VsFirst: number;
  p99VsFirst: number;
  /** The server process's CPU time (user + system) per measured request, in ms: steadier than latency on a loaded machine. */
  serverCpuMsPerRequest: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;
/** Where each reference sits among the calls; the servers start at FIRST_SERVER. */
const [RAW, FLOOR, HTTP, FIRST_SERVER] = [0, 1, 2, 3];

/** Times `why` on every variant and on the raw query, interleaved; `nodeArgs` go to each server (e.g. `--cpu-prof`). */
export async function measureWhyVariants(
  neo4jUri: string,
  query: string,
  inputs: ReadonlyArray<Record<string, unknown>>,
  variants: readonly WhyVariant[],
  options: { samples: number; warmup: number; rounds: number; nodeArgs?: readonly string[] },
): Promise<{
  raw: LatencySummary;
  floor: LatencySummary & { p50Ratio: number; p99Ratio: number };
  /** `GET /healthz` on the first server with the same HTTP client: what any answer over HTTP costs before GraphQL, auth or Neo4j. */
  http: LatencySummary;
  variants: WhyVariantFigures[];
  load: { start: number; end: number };
}> {
  enableTcpNoDelayForBolt();
  const driver = neo4j.driver(neo4jUri, neo4j.auth.basic('neo4j', 'local'), { disableLosslessIntegers: true });
  const servers: ServerProcess[] = [];
  try {
    for (const variant of variants) servers.push(await startServerProcess(neo4jUri, variant.env, options.nodeArgs ?? [], variant.root));
    const raw = rawRunner(driver);
    const floor = auditedFloor(driver);
    await floor.setup();
    // The raw read, the floor and the HTTP reference come first (RAW, FLOOR, HTTP); the servers follow.
    const healthz = servers[0]!.url.replace(/\/graphql$/, '/healthz');
    const calls = [
      (variables: Record<string, unknown>) => raw.why(variables),
      (variables: Record<string, unknown>) => floor.why(variables),
      async () => (await fetch(healthz)).json(),
      ...servers.map((server) => {
        const gql = graphqlClient(server.url, server.token);
        return (variables: Record<string, unknown>) => gql(query, variables);
      }),
    ];
    const timed = async (call: () => Promise<unknown>) => {
      const started = performance.now();
      await call();
      return performance.now() - started;
    };
    for (let i = 0; i < options.warmup; i++) for (const call of calls) await call(inputs[i % inputs.length]!);

    const load = { start: round2(os.loadavg()[0]!), end: 0 };
    const cpuBefore = servers.map((server) => processCpuMs(server.pid));
    const perRound = Math.max(1, Math.floor(options.samples / options.rounds));
    const all = calls.map(() => [] as number[]);
    const ratios = variants.map(() => ({
      p50: [] as number[],
      p99: [] as number[],
      p50First: [] as number[],
      p99First: [] as number[],
      p50Floor: [] as number[],
      p99Floor: [] as number[],
    }));
    const floorRatios = { p50: [] as number[], p99: [] as number[] };
    for (let r = 0; r < options.rounds; r++) {
      const times = calls.map(() => [] as number[]);
      for (let i = 0; i < perRound; i++) {
        const variables = inputs[(r * perRound + i) % inputs.length]!;
        for (let k = 0; k < calls.length; k++) {
          const which = (i + k) % calls.length;
          times[which]!.push(await timed(() => calls[which]!(variables)));
        }
      }
      const summaries = times.map((list) => summarize(list));
      const [rawRound, floorRound] = [summaries[RAW]!, summaries[FLOOR]!];
      floorRatios.p50.push(floorRound.p50 / rawRound.p50);
      floorRatios.p99.push(floorRound.p99 / rawRound.p99);
      variants.forEach((_, v) => {
        const s = summaries[v + FIRST_SERVER]!;
        ratios[v]!.p50.push(s.p50 / rawRound.p50);
        ratios[v]!.p99.push(s.p99 / rawRound.p99);
        ratios[v]!.p50Floor.push(s.p50 / floorRound.p50);
        ratios[v]!.p99Floor.push(s.p99 / floorRound.p99);
        ratios[v]!.p50First.push(s.p50 / summaries[FIRST_SERVER]!.p50);
        ratios[v]!.p99First.push(s.p99 / summaries[FIRST_SERVER]!.p99);
      });
      times.forEach((list, k) => all[k]!.push(...list));
    }
    load.end = round2(os.loadavg()[0]!);
    const cpuPerRequest = servers.map((server, v) => round2((processCpuMs(server.pid) - cpuBefore[v]!) / all[v + FIRST_SERVER]!.length));
    return {
      raw: summarize(all[RAW]!),
      http: summarize(all[HTTP]!),
      floor: { ...summarize(all[FLOOR]!), p50Ratio: round2(median(floorRatios.p50)), p99Ratio: round2(median(floorRatios.p99)) },
      variants: variants.map((variant, v) => ({
        label: variant.label,
        api: summarize(all[v + FIRST_SERVER]!),
        p50Ratio: round2(median(ratios[v]!.p50)),
        p99Ratio: round2(median(ratios[v]!.p99)),
        p50VsFloor: round2(median(ratios[v]!.p50Floor)),
        p99VsFloor: round2(median(ratios[v]!.p99Floor)),
        p50VsFirst: round2(median(ratios[v]!.p50First)),
        p99VsFirst: round2(median(ratios[v]!.p99First)),
        serverCpuMsPerRequest: cpuPerRequest[v]!,
      })),
      load,
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await driver.close();
  }
}
