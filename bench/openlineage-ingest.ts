/**
 * OpenLineage ingest rate, in events per second, on a fresh local Neo4j and the real server:
 * one event per request (sequential, and from several emitters at once), batches of events per
 * request, and replays (events already stored). The events are shaped like an Airflow DAG's: task
 * runs with START and COMPLETE, a parent DAG run, run and job facets, shared inputs and an output
 * per task. `npx tsx bench/openlineage-ingest.ts` runs it alone; `npm run bench` runs it too.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { startServerProcess, type ServerProcess } from './server-process';
import { median, processCpuMs, summarize } from './stats';

export interface OpenLineageBenchOptions {
  /** Events sent one per request (half sequential, half from `emitters` concurrent senders). */
  singleEvents: number;
  emitters: number;
  /** The concurrent half is sent in this many rounds, reported by their medians. */
  rounds: number;
  /** Also alternate concurrent rounds with a second server that appends the audit under the head's lock (AUDIT_APPEND=locked). */
  compareAppend?: boolean;
  /** Events sent in batches of `batchSize` (gzip bodies). */
  batchEvents: number;
  batchSize: number;
}

export const OPENLINEAGE_BENCH_DEFAULTS: OpenLineageBenchOptions = { singleEvents: 2_000, emitters: 8, rounds: 5, batchEvents: 20_000, batchSize: 500 };

type Json = Record<string, unknown>;
const facet = (name: string, body: Json) => ({
  _producer: 'https://example.org/bench',
  _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json`,
  ...body,
});

/** START and COMPLETE of `tasks` task runs spread over DAG runs; inputs from a shared pool. */
export function dagEvents(tasks: number, prefix: string): Json[] {
  const events: Json[] = [];
  const dagRuns = Array.from({ length: Math.max(1, Math.ceil(tasks / 20)) }, () => randomUUID());
  for (let i = 0; i < tasks; i++) {
    const runId = randomUUID();
    const dagRun = dagRuns[i % dagRuns.length]!;
    const job = {
      namespace: `${prefix}-airflow`,
      name: `dag_${i % 10}.task_${i % 50}`,
      facets: { jobType: facet('JobTypeJobFacet', { processingType: 'BATCH', integration: 'AIRFLOW', jobType: 'TASK' }) },
    };
    const runFacets = {
      parent: facet('ParentRunFacet', { run: { runId: dagRun }, job: { namespace: `${prefix}-airflow`, name: `dag_${i % 10}` } }),
      processing_engine: facet('ProcessingEngineRunFacet', { version: '2.10.4', name: 'Airflow' }),
    };
    const inputs = [0, 1].map((k) => ({
      namespace: 'postgres://db:5432',
      name: `${prefix}.public.table_${(i + k) % 50}`,
      facets: {
        schema: facet('SchemaDatasetFacet', {
          fields: [
            { name: 'id', type: 'BIGINT' },
            { name: 'value', type: 'TEXT' },
          ],
        }),
      },
    }));
    const output = { namespace: 's3://lake', name: `${prefix}/out/part_${i}.parquet`, facets: {} };
    const base = { producer: 'https://example.org/bench', schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent', job, inputs };
    const minute = new Date(Date.UTC(2026, 2, 4, 0, 0) + i * 60_000);
    events.push({ ...base, eventType: 'START', eventTime: minute.toISOString(), run: { runId, facets: runFacets }, outputs: [] });
    events.push({
      ...base,
      eventType: 'COMPLETE',
      eventTime: new Date(minute.getTime() + 30_000).toISOString(),
      run: { runId, facets: runFacets },
      outputs: [{ ...output, outputFacets: { outputStatistics: facet('OutputStatisticsOutputDatasetFacet', { rowCount: 1000 + i }) } }],
    });
  }
  return events;
}

async function send(url: string, token: string, body: unknown, gzip: boolean): Promise<void> {
  const json = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  let payload: string | ArrayBuffer = json;
  if (gzip) {
    const zipped = gzipSync(json);
    payload = zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer;
    headers['content-encoding'] = 'gzip';
  }
  const response = await fetch(url, { method: 'POST', headers, body: payload });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  await response.arrayBuffer();
}

/** Sends `items` with `concurrency` workers; returns per-request latencies and wall time. */
export async function drive<T>(items: readonly T[], concurrency: number, one: (item: T) => Promise<void>): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const t0 = performance.now();
        await one(item);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/** Seconds spent in Cypher by area (openlineage/*, audit/*) and deadlocks so far, from the server's /metrics. */
async function cypherSeconds(base: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const totals: Record<string, number> = {};
  for (const match of text.matchAll(/^ion_cypher_query_duration_seconds_sum\{query="(\w+)\/[^"]*",outcome="\w+"\} (\S+)$/gm)) {
    totals[match[1]!] = (totals[match[1]!] ?? 0) + Number(match[2]);
  }
  totals.deadlocks = Number(/^ion_neo4j_errors_total\{code="Neo\.TransientError\.Transaction\.DeadlockDetected"\} (\S+)$/m.exec(text)?.[1] ?? 0);
  return totals;
}

/** Runs the benchmark and prints one JSON record per figure through `emit`. */
export async function benchOpenLineage(options: OpenLineageBenchOptions, emit: (record: Json) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-ol-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '512m' });
  const server = await startServerProcess(neo4j.uri);
  const base = server.url.replace(/\/graphql$/, '');
  const single = `${base}/api/v1/lineage`;
  const batch = `${base}/api/v1/lineage/batch`;
  try {
    // Warm-up: schema, query plans, JIT.
    for (const event of dagEvents(50, 'warm')) await send(single, server.token, event, false);
    const record = (name: string, events: number, run: { seconds: number; latencies: number[] }, extra: Json) =>
      emit({
        bench: name,
        events,
        seconds: Math.round(run.seconds * 100) / 100,
        eventsPerSecond: Math.round(events / run.seconds),
        requestMs: summarize(run.latencies),
        ...extra,
      });

    const half = Math.floor(options.singleEvents / 2);
    const sequential = dagEvents(Math.ceil(half / 2), 'seq').slice(0, half);
    record('openlineage-single', sequential.length, await drive(sequential, 1, (e) => send(single, server.token, e, false)), {
      concurrency: 1,
      what: 'POST /api/v1/lineage, one event per request, one emitter',
    });
    // Concurrent emitters, in rounds: medians of rounds, the load they ran under, what each event
    // cost the server and Neo4j in CPU, and how the database time splits between the OpenLineage
    // transactions and the access audit's appends (each accepted delivery is audited).
    const perRound = Math.floor(half / options.rounds);
    const rounds: Array<{ eventsPerSecond: number; p50: number; p95: number; load: number }> = [];
    const metricsBefore = await cypherSeconds(base);
    const cpuBefore = { server: processCpuMs(server.pid), neo4j: processCpuMs(neo4j.pid) };
    for (let round = 0; round < options.rounds; round++) {
      const parallel = dagEvents(Math.ceil(perRound / 2), `par${round}`).slice(0, perRound);
      const run = await drive(parallel, options.emitters, (e) => send(single, server.token, e, false));
      const latency = summarize(run.latencies);
      rounds.push({ eventsPerSecond: perRound / run.seconds, p50: latency.p50, p95: latency.p95, load: os.loadavg()[0]! });
    }
    const metricsAfter = await cypherSeconds(base);
    const sent = perRound * options.rounds;
    const spent = (key: string) => Math.round(((metricsAfter[key] ?? 0) - (metricsBefore[key] ?? 0)) * 1000) / sent;
    emit({
      bench: 'openlineage-single',
      events: sent,
      concurrency: options.emitters,
      rounds: options.rounds,
      eventsPerSecond: Math.round(median(rounds.map((r) => r.eventsPerSecond))),
      requestMs: { p50: median(rounds.map((r) => r.p50)), p95: median(rounds.map((r) => r.p95)) },
      loadAverage: Math.round(median(rounds.map((r) => r.load)) * 10) / 10,
      cpuMsPerEvent: {
        server: Math.round(((processCpuMs(server.pid) - cpuBefore.server) / sent) * 100) / 100,
        neo4j: Math.round(((processCpuMs(neo4j.pid) - cpuBefore.neo4j) / sent) * 100) / 100,
      },
      queryMsPerEvent: { openlineage: Math.round(spent('openlineage') * 100) / 100, audit: Math.round(spent('audit') * 100) / 100 },
      deadlocks: (metricsAfter.deadlocks ?? 0) - (metricsBefore.deadlocks ?? 0),
      what: `POST /api/v1/lineage, one event per request, ${options.emitters} emitters at once; medians of ${options.rounds} rounds of ${perRound}`,
    });

    if (options.compareAppend) await compareAppend(neo4j.uri, server, options, perRound, emit);

    const events = dagEvents(Math.ceil(options.batchEvents / 2), 'batch').slice(0, options.batchEvents);
    const batches = chunks(events, options.batchSize);
    record('openlineage-batch', events.length, await drive(batches, 1, (b) => send(batch, server.token, b, true)), {
      batchSize: options.batchSize,
      gzip: true,
      what: 'POST /api/v1/lineage/batch, gzip JSON arrays, one sender',
    });
    record('openlineage-replay', events.length, await drive(batches, 1, (b) => send(batch, server.token, b, true)), {
      batchSize: options.batchSize,
      what: 'the same batches again: every event is found stored by its hash and changes nothing',
    });
  } finally {
    await server.stop();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchOpenLineage(OPENLINEAGE_BENCH_DEFAULTS, (record) => console.log(JSON.stringify(record)));
}

/**
 * The one-statement audit append against the locked one on single events: a second server with
 * AUDIT_APPEND=locked on the same database, concurrent rounds alternating between the two.
 */
async function compareAppend(neo4jUri: string, current: ServerProcess, options: OpenLineageBenchOptions, perRound: number, emit: (record: Json) => void) {
  const locked = await startServerProcess(neo4jUri, { AUDIT_APPEND: 'locked', AUDIT_CHAIN_ID: 'bench-locked' });
  try {
    const sides = { 'one-statement': current, locked };
    const results: Record<string, Array<{ eventsPerSecond: number; p95: number }>> = { 'one-statement': [], locked: [] };
    const loads: number[] = [];
    for (let round = 0; round < options.rounds * 2; round++) {
      const name = (round % 4 === 0 || round % 4 === 3 ? 'one-statement' : 'locked') as keyof typeof sides;
      const server = sides[name];
      const url = `${server.url.replace(/\/graphql$/, '')}/api/v1/lineage`;
      const parallel = dagEvents(Math.ceil(perRound / 2), `cmp${round}`).slice(0, perRound);
      const run = await drive(parallel, options.emitters, (e) => send(url, server.token, e, false));
      results[name]!.push({ eventsPerSecond: perRound / run.seconds, p95: summarize(run.latencies).p95 });
      loads.push(os.loadavg()[0]!);
    }
    const figures = (name: string) => ({
      eventsPerSecond: Math.round(median(results[name]!.map((r) => r.eventsPerSecond))),
      p95: median(results[name]!.map((r) => r.p95)),
    });
    const fast = figures('one-statement');
    const slow = figures('locked');
    emit({
      bench: 'openlineage-append-compare',
      emitters: options.emitters,
      rounds: options.rounds,
      oneStatement: fast,
      locked: slow,
      rateRatio: Math.round((fast.eventsPerSecond / slow.eventsPerSecond) * 100) / 100,
      loadAverage: Math.round(median(loads) * 10) / 10,
      what: 'single events, 8 emitters: the one-statement audit append vs AUDIT_APPEND=locked, alternating rounds (ABBA) on one database; medians',
    });
  } finally {
    await locked.stop();
  }
}
