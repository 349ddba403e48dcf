/**
 * `npm run bench -- [--sizes 100000,1000000] [--samples 1000] [--seed 7]`
 *
 * For each size (primary predictions; each also gets a control prediction): a fresh local
 * Neo4j, the real server as its own process, the demo scenario loaded through the GraphQL
 * `ingest` mutation, then `why`, `lineage`, `search` and `impact` measured over HTTP after a
 * warm-up, and what the access audit adds to `why` (a second server with AUDIT_READS=false).
 * Prints one JSON line per figure; the last line compares `why` across sizes.
 * Numbers are medians and tails of a shared, noisy machine: compare ratios, not absolutes.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { graphqlClient } from '../server/src/graphql/graphql-client';
import { loadScenario } from '../seed/src/load';
import { generateScenario } from '../seed/src/scenario';
import { ARTIFACT_BENCH_DEFAULTS, benchArtifacts } from './artifacts';
import { measureMaskingOverhead } from './masking-overhead';
import { benchMaintained } from './maintained';
import { benchBulkExport } from './bulk-export';
import { measureAuditOverheads } from './audit-overhead';
import { benchOpenLineage, OPENLINEAGE_BENCH_DEFAULTS } from './openlineage-ingest';
import { benchOpenLineageCompare } from './openlineage-compare';
import { OPERATIONS, pickInputs } from './operations';
import { measureApiVsRaw } from './api-vs-raw';
import { benchSdkOverhead } from './sdk-overhead';
import { benchPythonOverhead } from './python-overhead';
import { benchStall } from './stall';
import { benchWebhookLatency } from './webhook-latency';
import { benchWhyOverhead } from './why-overhead';
import { baselineCheckout } from './baseline';
import { startServerProcess } from './server-process';
import { processMemoryMb, summarize, type LatencySummary } from './stats';

const { values } = parseArgs({
  options: {
    // Default 100000,1000000 (requests); for `--only maintained`, 20000,200000 (predictions).
    sizes: { type: 'string' },
    samples: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
    // `--only sdk`: just the SDK overhead on a scoring loop (bench/sdk-overhead.ts);
    // `--only openlineage`: just the OpenLineage ingest rate (bench/openlineage-ingest.ts);
    // `--only python [--python-baseline main]`: the Python client's overhead on a scoring loop, optionally
    // back to back with the client at a git ref (bench/python-overhead.ts);
    // `--only stall`: why latency while another caller runs the heaviest allowed query (bench/stall.ts);
    // `--only artifacts`: artifact upload/download MB/s on the local store (bench/artifacts.ts);
    // `--only webhooks`: webhook delivery latency from ingest commit to receiver (bench/webhook-latency.ts);
    // `--only maintained`: impact and complianceReport at two history sizes, and API ingest vs raw UNWIND (bench/maintained.ts);
    // `--only bulk-export [--sizes 5000] [--rounds 8]`: the bulk export's CPU cost per prediction by stage (bench/bulk-export.ts);
    // `--only operations [--operations lineage,why]`: just the operation latencies, no overhead comparisons.
    // `--only why-overhead [--sizes 20000] [--why-variants default]`: why on servers with each fast-path step off or on
    // (or only today's defaults), vs raw Bolt and the audited floor (bench/why-overhead.ts).
    only: { type: 'string' },
    'why-variants': { type: 'string', default: 'all' },
    operations: { type: 'string' },
    // `--only openlineage --compare-append`: also alternate rounds with a server on the locked audit append.
    'compare-append': { type: 'boolean', default: false },
    // `--baseline <git ref or checkout dir>` (bench/baseline.ts): `why-overhead` runs that checkout's server
    // beside this one's, `python` its client, `openlineage-compare` its server (with `--raw`, the
    // same writes over Bolt too), in alternating rounds of one run.
    baseline: { type: 'string' },
    raw: { type: 'boolean', default: false },
    // Rounds of the API-vs-raw comparison (why and lineage against their own Cypher over Bolt).
    rounds: { type: 'string', default: '5' },
    // A directory for V8 CPU profiles of the server process (written when it stops).
    'cpu-prof': { type: 'string' },
    // Artifact size (MiB) and count for the artifact figures.
    'artifact-mb': { type: 'string', default: String(ARTIFACT_BENCH_DEFAULTS.sizeMb) },
    'artifact-count': { type: 'string', default: String(ARTIFACT_BENCH_DEFAULTS.count) },
  },
});
const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number);
const samples = Number(values.samples);
const warmup = Number(values.warmup);
const seed = Number(values.seed);

const emit = (record: Record<string, unknown>) => console.log(JSON.stringify(record));
const SDK_OVERHEAD = { perRound: 250, rounds: 28, scoreMs: 1, seed: Number(values.seed) };
if (values.only === 'sdk') {
  await benchSdkOverhead(SDK_OVERHEAD, emit);
  process.exit(0);
}
if (values.only === 'python') {
  await benchPythonOverhead({ rounds: 20, perRound: 250, baseline: values.baseline }, emit);
  process.exit(0);
}
if (values.only === 'stall') {
  await benchStall({ predictions: sizes[0]!, samples, warmup, seed }, emit);
  process.exit(0);
}
const ARTIFACTS = { sizeMb: Number(values['artifact-mb']), count: Number(values['artifact-count']) };
if (values.only === 'artifacts') {
  await benchArtifacts(ARTIFACTS, emit);
  process.exit(0);
}
const WEBHOOK_EVENTS = 100;
if (values.only === 'webhooks') {
  await benchWebhookLatency(WEBHOOK_EVENTS, emit);
  process.exit(0);
}
if (values.only === 'maintained') {
  const [small, large] = (values.sizes ?? '20000,200000').split(',').map(Number);
  await benchMaintained({ sizes: [small!, large!], samples: values.samples === '1000' ? 60 : samples, warmup: Math.min(warmup, 10), seed }, emit);
  process.exit(0);
}
if (values.only === 'bulk-export') {
  await benchBulkExport({ requests: Number(values.sizes ?? 5000), rounds: values.rounds === '5' ? 8 : Number(values.rounds), seed }, emit);
  process.exit(0);
}
if (values.only === 'why-overhead') {
  const requests = Number((values.sizes ?? '20000').split(',')[0]);
  const onlyDefault = values['why-variants'] === 'default';
  await benchWhyOverhead(
    { requests, samples, warmup, rounds: Number(values.rounds), seed, cpuProfDir: values['cpu-prof'], onlyDefault, baseline: values.baseline },
    emit,
  );
  process.exit(0);
}
if (values.only === 'openlineage-compare') {
  const rounds = values.rounds === '5' ? 4 : Number(values.rounds);
  await benchOpenLineageCompare(
    { baseline: values.baseline ? await baselineCheckout(values.baseline) : undefined, raw: values.raw, emitters: [1, 8], rounds, perRound: 200, warmup: 400 },
    emit,
  );
  process.exit(0);
}
if (values.only === 'openlineage') {
  await benchOpenLineage({ ...OPENLINEAGE_BENCH_DEFAULTS, compareAppend: values['compare-append'] }, emit);
  process.exit(0);
}
const INGEST = 'mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { predictions { created } } }';

async function benchSize(requests: number): Promise<Record<string, LatencySummary>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '2g' });
  const cpuProf = values['cpu-prof'];
  const server = await startServerProcess(neo4j.uri, {}, cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(cpuProf)}`] : []);
  const gql = graphqlClient(server.url, server.token);
  const figures: Record<string, LatencySummary> = {};
  try {
    const scenario = generateScenario({ seed, predictions: requests });
    const load = await loadScenario({ ingestBundle: (bundle) => gql(INGEST, { bundle }) }, scenario, (done, total) => {
      if (done % 200_000 === 0 || done === total) process.stderr.write(`  loaded ${done}/${total}\n`);
    });
    emit({
      bench: 'ingest',
      requests,
      predictions: load.predictions,
      seconds: Math.round(load.seconds),
      baseSeconds: Math.round(load.baseSeconds),
      predictionsPerSecond: Math.round(load.predictionsPerSecond),
      via: 'graphql ingest(bundle), batches of 10,000',
    });

    const inputs = await pickInputs(gql, scenario, samples);
    const chosen = values.operations?.split(',');
    for (const operation of OPERATIONS.filter((o) => !chosen || chosen.includes(o.name))) {
      const list = inputs[operation.name];
      for (let i = 0; i < warmup; i++) await gql(operation.query, list[i % list.length]!);
      const latencies: number[] = [];
      for (let i = 0; i < samples; i++) {
        const started = performance.now();
        await gql(operation.query, list[i % list.length]!);
        latencies.push(performance.now() - started);
      }
      figures[operation.name] = summarize(latencies);
      emit({ bench: operation.name, requests, predictions: load.predictions, ...figures[operation.name], unit: 'ms', what: operation.what });
    }
    // What the API adds over the same Cypher sent straight over Bolt, in this run.
    const comparable = (['why', 'lineage'] as const).filter((name) => !chosen || chosen.includes(name));
    const versus = await measureApiVsRaw(
      neo4j.uri,
      gql,
      comparable.map((name) => ({ name, query: OPERATIONS.find((o) => o.name === name)!.query, inputs: inputs[name] })),
      { samples, warmup, rounds: Number(values.rounds) },
    );
    for (const name of comparable) {
      emit({
        bench: `${name}-api-vs-raw`,
        requests,
        predictions: load.predictions,
        ...versus[name]!,
        unit: 'ms',
        what: `${name} over HTTP vs its own Cypher round trips over Bolt, alternating requests; ratios are medians over rounds`,
      });
    }
    if (values.only === 'operations') return figures;
    // What recording reads costs: why, lineage (from a prediction) and impact (a page of affected predictions).
    const audited = OPERATIONS.filter((operation) => operation.name === 'why' || operation.name === 'lineage' || operation.name === 'impact');
    const overheads = await measureAuditOverheads(
      neo4j.uri,
      gql,
      audited.map((operation) => ({ name: operation.name, query: operation.query, inputs: inputs[operation.name] })),
      samples,
      warmup,
    );
    for (const operation of audited) {
      emit({
        bench: operation.name === 'why' ? 'audit-overhead' : `audit-overhead-${operation.name}`,
        requests,
        predictions: load.predictions,
        ...overheads[operation.name]!,
        unit: 'ms',
        what: `${operation.what}, with reads recorded in the access audit vs AUDIT_READS=false, alternating requests on one database`,
      });
    }
    const masking = await measureMaskingOverhead(
      server.url,
      { cleared: server.token, uncleared: server.unclearedToken },
      inputs.lineage.map((v) => String(v.nodeId)),
      samples,
      warmup,
    );
    emit({
      bench: 'masking-overhead',
      requests,
      predictions: load.predictions,
      ...masking,
      unit: 'ms',
      what: 'why(predictionId) as a cleared caller vs an uncleared one (restricted fields masked or withheld), alternating requests on one server',
    });
    emit({ bench: 'memory', requests, serverMb: processMemoryMb(server.pid), neo4jMb: processMemoryMb(neo4j.pid) });
  } finally {
    await server.stop();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}

const bySize = new Map<number, Record<string, LatencySummary>>();
for (const size of sizes) bySize.set(size, await benchSize(size));
if (sizes.length >= 2) {
  const small = bySize.get(Math.min(...sizes))!;
  const large = bySize.get(Math.max(...sizes))!;
  const ratio = (name: string, key: 'p50' | 'p99') => Math.round(((large[name]?.[key] ?? NaN) / (small[name]?.[key] ?? NaN)) * 100) / 100;
  emit({
    bench: 'growth',
    from: Math.min(...sizes),
    to: Math.max(...sizes),
    ...Object.fromEntries(
      OPERATIONS.flatMap((op) => [
        [`${op.name}P50Ratio`, ratio(op.name, 'p50')],
        [`${op.name}P99Ratio`, ratio(op.name, 'p99')],
      ]),
    ),
  });
}

// `--only operations` measures the operations and nothing else.
if (values.only === 'operations') process.exit(0);

await benchSdkOverhead(SDK_OVERHEAD, emit);
await benchOpenLineage({ ...OPENLINEAGE_BENCH_DEFAULTS, compareAppend: values['compare-append'] }, emit);
await benchArtifacts(ARTIFACTS, emit);
await benchWebhookLatency(WEBHOOK_EVENTS, emit);
