/**
 * `npm run bench:scale -- --predictions 1000000,10000000 [--samples 300] [--warmup 50] [--api-sample 20000]
 *   [--heap 2g] [--pagecache 4g] [--import-heap 2g] [--import-off-heap 4g] [--workers 2] [--seed 7]`
 *
 * For each size N (served predictions; each also has a control prediction, so 2N Prediction
 * nodes): the demo scenario bulk-loaded into a new store (CSV written by `--workers` threads with
 * the bulk writer, then `neo4j-admin database import`, as `npm run bulk-import` does), Neo4j and the real server started on it, then, in one run:
 *  - `why` over HTTP vs its own `why/explain` Cypher over Bolt (alternating requests), p50/p99;
 *  - `lineage` UPSTREAM depth 10 from a prediction, p50/p99; `impact` of the busiest dataset
 *    versions, p50; `complianceReport` (all policies); the store's size on disk;
 *  - the load rate: bulk (export + import + schema) vs the transactional API, measured by
 *    ingesting `--api-sample` more requests (renamed ids) through GraphQL into the same store.
 * Prints one JSON line per size, then the growth ratios largest/smallest. The store is deleted.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import type { IngestBundle } from '@ion-lineage/contract';
import { importCsv } from '../server/src/bulk/bulk-import';
import { finishBulkImport } from '../server/src/bulk/post-import';
import { POLICY_IDS } from '../server/src/compliance/compliance.policies';
import { loadRegistry, openGraph } from '../server/src/graph';
import { graphqlClient } from '../server/src/graphql/graphql-client';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { generateScenario } from '../seed/src/scenario';
import { OPERATIONS, pickInputs } from './operations';
import { exportScenarioParallel } from './scale-export';
import { startServerProcess } from './server-process';
import { processMemoryMb, summarize, type LatencySummary } from './stats';

const { values } = parseArgs({
  options: {
    predictions: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '50' },
    'api-sample': { type: 'string', default: '20000' },
    heap: { type: 'string', default: '2g' },
    pagecache: { type: 'string', default: '4g' },
    'import-heap': { type: 'string', default: '2g' },
    'import-off-heap': { type: 'string', default: '4g' },
    seed: { type: 'string', default: '7' },
    // Threads writing the prediction CSV (the import tool then reads them as one group per table).
    workers: { type: 'string', default: '2' },
    // gzip the import CSV (about a fifth of the disk; for 10M on a disk that cannot hold CSV and store).
    'compress-csv': { type: 'boolean', default: false },
  },
});
const sizes = values.predictions.split(',').map(Number);
const samples = Number(values.samples);
const warmup = Number(values.warmup);
const apiSample = Number(values['api-sample']);
const seed = Number(values.seed);
const workers = Number(values.workers);
const emit = (record: Record<string, unknown>) => console.log(JSON.stringify(record));
const log = (message: string) => process.stderr.write(`[scale ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const operation = (name: string) => OPERATIONS.find((o) => o.name === name)!;
const INGEST = 'mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { predictions { created } } }';
const REPORT = '{ complianceReport(sampleSize: 20) { total policies { policy violationCount } } }';
const POLICY_REPORT = 'query One($policy: CompliancePolicy!) { complianceReport(policies: [$policy], sampleSize: 20) { total } }';
const p = (s: LatencySummary) => ({ p50: s.p50, p99: s.p99 });
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function du(dir: string): number {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

/** Times `run` over `inputs` round-robin after a warm-up. */
async function measure(
  inputs: ReadonlyArray<Record<string, unknown>>,
  count: number,
  run: (v: Record<string, unknown>) => Promise<unknown>,
): Promise<LatencySummary> {
  for (let i = 0; i < Math.min(warmup, count); i++) await run(inputs[i % inputs.length]!);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await run(inputs[i % inputs.length]!);
    latencies.push(performance.now() - started);
  }
  return summarize(latencies);
}

async function benchSize(requests: number) {
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-scale-'));
  const scenario = generateScenario({ seed, predictions: requests });
  const loadAverage = () => os.loadavg().map((l) => round(l, 1));
  try {
    log(`${requests} requests: exporting CSV and importing into ${storeDir}`);
    const csvDir = path.join(storeDir, 'import');
    const exportStarted = performance.now();
    const manifest = await exportScenarioParallel(seed, requests, csvDir, workers, (i) => log(`  export worker ${i} done`), values['compress-csv']);
    const exportSeconds = (performance.now() - exportStarted) / 1000;
    log(`  exported ${manifest.counts.predictions} predictions in ${Math.round(exportSeconds)} s`);
    // Each phase is printed as it ends, so a run stopped part-way still leaves its figures.
    emit({
      bench: 'scale-phase',
      phase: 'export',
      requests,
      predictions: manifest.counts.predictions,
      seconds: Math.round(exportSeconds),
      workers,
      // With the store's size: the peak disk of the import is about the two together.
      csvBytes: du(csvDir),
      compressed: values['compress-csv'],
    });
    const admin = await importCsv(manifest, [csvDir], {
      storeDir,
      memory: { heap: values['import-heap'], offHeap: values['import-off-heap'] },
      onOutput: (line) => (/^\(\d\/\d\)|IMPORT DONE/.test(line) ? log(`  ${line.trim()}`) : undefined),
    });
    const bulk = { manifest, exportSeconds, admin };
    emit({ bench: 'scale-phase', phase: 'import', requests, nodes: admin.nodes, relationships: admin.relationships, seconds: Math.round(admin.seconds) });
    const neo = await startLocalNeo4j({ dataDir: storeDir, port: 0, pageCache: values.pagecache, heap: values.heap });
    const graph = openGraph({ uri: neo.uri, user: 'neo4j', password: 'local' }, undefined, { auditCheckpointFile: null });
    const post = await finishBulkImport(graph, bulk.manifest, { source: `bench:scale seed ${seed}`, requests });
    await graph.close();
    const predictionNodes = bulk.manifest.counts.predictions ?? 0;
    const bulkSeconds = bulk.exportSeconds + bulk.admin.seconds + post.schemaSeconds;
    const storeBytes = du(path.join(storeDir, 'data'));
    log(`  loaded ${predictionNodes} predictions in ${Math.round(bulkSeconds)} s; store ${Math.round(storeBytes / 2 ** 20)} MiB`);
    emit({
      bench: 'scale-phase',
      phase: 'schema',
      requests,
      seconds: Math.round(post.schemaSeconds),
      bulkPredictionsPerSecond: Math.round(predictionNodes / bulkSeconds),
      storeBytes,
    });

    const server = await startServerProcess(neo.uri, { NEO4J_QUERY_TIMEOUT_MS: '300000' });
    const gql = graphqlClient(server.url, server.token);
    const driver = neo4j.driver(neo.uri, neo4j.auth.basic('neo4j', 'local'), { disableLosslessIntegers: true });
    const explain = loadRegistry().get('why/explain').text;
    try {
      log('  picking inputs');
      const inputs = await pickInputs(gql, scenario, samples);
      // `why` as the API answers it, and its one Cypher round trip straight over Bolt, alternating.
      const httpWhy: number[] = [];
      const boltWhy: number[] = [];
      const whyInputs = inputs.why;
      const bolt = (v: Record<string, unknown>) =>
        driver.executeQuery(explain, { predictionId: null, subjectKey: v.subjectKey, at: v.at, output: null, windowMinutes: 60 }, { routing: 'READ' });
      for (let i = 0; i < warmup; i++) {
        await gql(operation('why').query, whyInputs[i % whyInputs.length]!);
        await bolt(whyInputs[i % whyInputs.length]!);
      }
      for (let i = 0; i < samples; i++) {
        const v = whyInputs[i % whyInputs.length]!;
        let started = performance.now();
        await gql(operation('why').query, v);
        httpWhy.push(performance.now() - started);
        started = performance.now();
        await bolt(v);
        boltWhy.push(performance.now() - started);
      }
      const why = { http: p(summarize(httpWhy)), bolt: p(summarize(boltWhy)) };
      emit({ bench: 'scale-phase', phase: 'why', requests, ...why });
      log('  why done; lineage');
      const lineage = await measure(inputs.lineage, samples, (v) => gql(operation('lineage').query, v));
      log('  impact');
      const impact = await measure(inputs.impact, Math.min(samples, 50), (v) => gql(operation('impact').query, v));
      log('  complianceReport');
      const compliance = await measure([{}], 3, () => gql(REPORT));
      const perPolicy: Record<string, number> = {};
      // Each policy alone as well, to show which part of the report grows.
      for (const policy of POLICY_IDS) perPolicy[policy] = (await measure([{ policy }], 3, (v) => gql(POLICY_REPORT, v))).p50;

      // The transactional path on the same store: more requests of the same shape, ids renamed.
      log(`  API ingest of ${apiSample} requests`);
      const sample = generateScenario({ seed, predictions: apiSample });
      let apiPredictions = 0;
      const apiStarted = performance.now();
      for (const batch of sample.predictionBatches()) {
        const predictions = batch.predictions!.map((item) => ({ ...item, id: `api-${item.id}`, requestId: `api-${item.requestId}` }));
        await gql(INGEST, { bundle: { predictions } satisfies IngestBundle });
        apiPredictions += predictions.length;
      }
      const apiRate = apiPredictions / ((performance.now() - apiStarted) / 1000);
      const bulkRate = predictionNodes / bulkSeconds;
      return {
        bench: 'scale',
        requests,
        servedPredictions: requests,
        controlPredictions: predictionNodes - requests,
        predictionNodes,
        nodes: bulk.admin.nodes,
        relationships: bulk.admin.relationships,
        load: {
          bulk: {
            predictionsPerSecond: Math.round(bulkRate),
            exportSeconds: Math.round(bulk.exportSeconds),
            importSeconds: Math.round(bulk.admin.seconds),
            schemaSeconds: Math.round(post.schemaSeconds),
          },
          api: {
            predictionsPerSecond: Math.round(apiRate),
            predictions: apiPredictions,
            via: 'graphql ingest(bundle), batches of 10,000, into the loaded store',
          },
          bulkOverApi: round(bulkRate / apiRate),
        },
        why: { ...why, ratioP50: round(why.http.p50 / why.bolt.p50), ratioP99: round(why.http.p99 / why.bolt.p99), n: samples },
        lineageDepth10: { ...p(lineage), n: lineage.n },
        impactBusiest: { p50: impact.p50, p99: impact.p99, n: impact.n, datasetVersions: inputs.impact.length },
        complianceReport: { p50: compliance.p50, max: compliance.max, n: compliance.n, perPolicyP50: perPolicy },
        storeBytes,
        storeGiB: round(storeBytes / 2 ** 30),
        memoryMb: { neo4j: processMemoryMb(neo.pid), server: processMemoryMb(server.pid) },
        neo4jHeap: values.heap,
        pageCache: values.pagecache,
        loadAverage: loadAverage(),
      };
    } finally {
      await driver.close();
      await server.stop();
      await neo.stop();
    }
  } finally {
    fs.rmSync(storeDir, { recursive: true, force: true });
  }
}

type ScaleResult = Awaited<ReturnType<typeof benchSize>>;
const results: ScaleResult[] = [];
for (const size of sizes) {
  const result = await benchSize(size);
  emit(result);
  results.push(result);
}
if (results.length >= 2) {
  const [small, large] = [results[0]!, results.at(-1)!];
  const ratio = (pick: (r: ScaleResult) => number) => round(pick(large) / pick(small));
  emit({
    bench: 'scale-growth',
    from: small.requests,
    to: large.requests,
    whyHttpP50: ratio((r) => r.why.http.p50),
    whyHttpP99: ratio((r) => r.why.http.p99),
    whyBoltP50: ratio((r) => r.why.bolt.p50),
    whyBoltP99: ratio((r) => r.why.bolt.p99),
    lineageP50: ratio((r) => r.lineageDepth10.p50),
    lineageP99: ratio((r) => r.lineageDepth10.p99),
    impactP50: ratio((r) => r.impactBusiest.p50),
    complianceReportP50: ratio((r) => r.complianceReport.p50),
    storeBytes: ratio((r) => r.storeBytes),
    bulkRate: ratio((r) => r.load.bulk.predictionsPerSecond),
    apiRate: ratio((r) => r.load.api.predictionsPerSecond),
  });
}
