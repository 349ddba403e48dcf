/**
 * `npm run bench -- --only maintained [--sizes 20000,200000] [--samples 60]`
 *
 * Impact and compliance answered from counters kept at ingest, measured at two history sizes
 * in one run on one database: the demo scenario loaded up to the smaller size (predictions,
 * control ones included), `impact` of the busiest dataset versions and `complianceReport` (all
 * policies) over HTTP, then the rest loaded and both measured again. Beside each, the reference
 * queries that read every prediction (over Bolt, same database) show what the counters save.
 * Between the sizes, batches rotate between the GraphQL `ingest` mutation, a raw `UNWIND` of the
 * same rows over Bolt (ingest/predictions alone) and the raw `UNWIND` plus the counters: the
 * ratios of their rates are the cost of the API and of the counters. Raw batches bypass the
 * counters, so the rebuild runs before the second measurement (its time is reported too) — the
 * path a bulk import takes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IngestBundle, PredictionInput } from '@ion-lineage/contract';
import { ComplianceService } from '../server/src/compliance/compliance.service';
import { loadRegistry, openGraph } from '../server/src/graph';
import { graphqlClient } from '../server/src/graphql/graphql-client';
import { ImpactService } from '../server/src/impact/impact.service';
import { contentHash } from '../server/src/ingest/engine';
import { predictionSpec } from '../server/src/ingest/entities/prediction';
import { rebuildMaintainedState } from '../server/src/maintained/maintained-state';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { generateScenario } from '../seed/src/scenario';
import { startServerProcess } from './server-process';
import { summarize, type LatencySummary } from './stats';

export interface MaintainedBenchOptions {
  /** Two history sizes, in predictions (primary and control alike). */
  sizes: [number, number];
  samples: number;
  warmup: number;
  seed: number;
}

type Emit = (record: Record<string, unknown>) => void;

const INGEST = 'mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { predictions { created } } }';
const IMPACT = `query Impact($nodeId: String!) {
  impact(nodeId: $nodeId, first: 50) {
    rootId runCount modelVersionCount predictionCount truncated
    modelVersions { id } deployments { id } pipelineNodes { id } ions { id }
    predictions { edges { node { id at } } pageInfo { hasNextPage endCursor } }
  }
}`;
const COMPLIANCE = `{ complianceReport(limit: 100, sampleSize: 20) {
  total policies { policy violationCount truncated violations { key count sample summary } }
} }`;

async function timeEach(samples: number, warmup: number, inputs: ReadonlyArray<() => Promise<unknown>>): Promise<LatencySummary> {
  for (let i = 0; i < warmup; i++) await inputs[i % inputs.length]!();
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await inputs[i % inputs.length]!();
    latencies.push(performance.now() - started);
  }
  return summarize(latencies);
}

/** Runs the bench (see the file header); prints one JSON line per figure. */
export async function benchMaintained(options: MaintainedBenchOptions, emit: Emit): Promise<void> {
  const [small, large] = options.sizes;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-maintained-'));
  // Loaded first: a bad query file fails before anything is started.
  const registry = loadRegistry();
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '1g' });
  const stops: Array<() => Promise<void>> = [() => neo4j.stop(), async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  try {
    const server = await startServerProcess(neo4j.uri);
    stops.unshift(() => server.stop());
    const gql = graphqlClient(server.url, server.token);
    const graph = openGraph({ uri: neo4j.uri, user: 'neo4j', password: 'local' }, registry);
    stops.unshift(() => graph.close());
    const rawText = graph.registry.get('ingest/predictions').text;
    const scenario = generateScenario({ seed: options.seed, predictions: Math.ceil(large / 2) });
    await gql(INGEST, { bundle: scenario.base });
    const batches = scenario.predictionBatches();
    const countsText = registry.get('ingest/prediction-counts').text;
    let loaded = 0;
    // Batches rotate between the API, a raw UNWIND, and a raw UNWIND plus the counters in the
    // same transaction: the last isolates what the counters cost from what the API costs.
    const kinds = ['api', 'raw', 'rawCounted'] as const;
    const spent = { api: [0, 0], raw: [0, 0], rawCounted: [0, 0] };
    const loadUpTo = async (target: number, rotate: boolean) => {
      for (let i = 0; loaded < target; i++) {
        const next = batches.next();
        if (next.done) break;
        const items = (next.value as IngestBundle).predictions as PredictionInput[];
        const kind = rotate ? kinds[i % kinds.length]! : 'api';
        const started = performance.now();
        if (kind === 'api') await gql(INGEST, { bundle: { predictions: items } });
        else {
          const rows = items.map((item) => predictionSpec.toRow(item, contentHash(item)));
          const session = graph.driver.session();
          try {
            await session.executeWrite(async (tx) => {
              await tx.run(rawText, { rows });
              if (kind === 'rawCounted') await tx.run(countsText, { rows });
            });
          } finally {
            await session.close();
          }
        }
        spent[kind][0] += performance.now() - started;
        spent[kind][1] += items.length;
        loaded += items.length;
      }
    };
    const rate = (kind: keyof typeof spent) => spent[kind][1]! / (spent[kind][0]! / 1000);

    const measure = async (predictions: number): Promise<Record<string, LatencySummary>> => {
      const roots = await busiestDatasetVersions(
        graph.services.executor,
        scenario.base.datasetVersions!.map((dv) => dv.id),
      );
      const reference = {
        impact: new ImpactService(graph.services.executor, undefined, 'predictions'),
        compliance: new ComplianceService(graph.services.executor, 'reference'),
      };
      const counted = { impact: new ImpactService(graph.services.executor), compliance: new ComplianceService(graph.services.executor) };
      const figures: Record<string, LatencySummary> = {
        impact: await timeEach(
          options.samples,
          options.warmup,
          roots.map((nodeId) => () => gql(IMPACT, { nodeId })),
        ),
        impactCounters: await timeEach(
          options.samples,
          options.warmup,
          roots.map((nodeId) => () => counted.impact.impact(nodeId, 50)),
        ),
        impactReference: await timeEach(
          options.samples,
          options.warmup,
          roots.map((nodeId) => () => reference.impact.impact(nodeId, 50)),
        ),
        compliance: await timeEach(options.samples, options.warmup, [() => gql(COMPLIANCE)]),
        complianceCounters: await timeEach(options.samples, options.warmup, [() => counted.compliance.report({ limit: 100, sampleSize: 20 })]),
        complianceReference: await timeEach(options.samples, options.warmup, [() => reference.compliance.report({ limit: 100, sampleSize: 20 })]),
      };
      const what: Record<string, string> = {
        impact: 'impact of the 10 busiest dataset versions over HTTP (counts + first page of 50), counters',
        impactCounters: 'the same impact from the service in-process over Bolt, counters',
        impactReference: 'the same impact from the service in-process over Bolt with the reference latest-use (reads every USED link)',
        compliance: 'complianceReport, all six policies, limit 100, sample 20, over HTTP, counters',
        complianceCounters: 'the same report from the service in-process over Bolt, counters',
        complianceReference: 'the same report from the service in-process over Bolt with the reference policy queries (read every prediction)',
      };
      for (const [name, summary] of Object.entries(figures)) emit({ bench: `maintained-${name}`, predictions, ...summary, unit: 'ms', what: what[name] });
      return figures;
    };

    await loadUpTo(small, false);
    const before = await measure(loaded);
    spent.api = [0, 0];
    await loadUpTo(large, true);
    emit({
      bench: 'maintained-ingest',
      apiPredictionsPerSecond: Math.round(rate('api')),
      rawPredictionsPerSecond: Math.round(rate('raw')),
      rawCountedPredictionsPerSecond: Math.round(rate('rawCounted')),
      apiRatio: Math.round((rate('raw') / rate('api')) * 100) / 100,
      countersRatio: Math.round((rate('raw') / rate('rawCounted')) * 100) / 100,
      predictions: spent.api[1]! + spent.raw[1]! + spent.rawCounted[1]!,
      what: 'batches of 10,000 in rotation: GraphQL ingest vs raw UNWIND of ingest/predictions over Bolt vs the same plus ingest/prediction-counts in one transaction',
    });
    const rebuild = await rebuildMaintainedState(graph.services.executor);
    emit({ bench: 'maintained-rebuild', predictions: loaded, seconds: Math.round(rebuild.seconds * 10) / 10 });
    const after = await measure(loaded);
    const ratio = (name: string) => Math.round((after[name]!.p50 / before[name]!.p50) * 100) / 100;
    emit({ bench: 'maintained-growth', from: small, to: loaded, ...Object.fromEntries(Object.keys(after).map((name) => [`${name}P50Ratio`, ratio(name)])) });
  } finally {
    for (const stop of stops) await stop();
  }
}

/** The 10 dataset versions with the most affected predictions (from the maintained answer). */
async function busiestDatasetVersions(executor: ConstructorParameters<typeof ImpactService>[0], ids: string[]): Promise<string[]> {
  const service = new ImpactService(executor);
  const sized: Array<{ id: string; count: number }> = [];
  for (const id of ids) sized.push({ id, count: (await service.impact(id, 1)).predictionCount });
  return sized
    .sort((a, b) => b.count - a.count)
    .slice(0, 10)
    .map((s) => s.id);
}
