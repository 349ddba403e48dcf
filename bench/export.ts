/**
 * `npm run bench:export -- [--predictions 20000] [--downstream 100000] [--samples 20] [--seed 7]`
 *
 * Export time and size: a fresh local Neo4j and the real server process, the demo scenario
 * loaded through the `ingest` mutation, plus one extra model version (produced by a demo
 * training run) with `--downstream` predictions. Then, as an AUDITOR (cleared, so nothing is
 * left out for clearance), over HTTP after a warm-up:
 *  - the why-subgraph of a prediction (UPSTREAM, depth 6), in each format;
 *  - the model version with its predictions (DOWNSTREAM, and BOTH, depth 3), in each format,
 *    where the 100,000 predictions are one counted group in the manifest, not 100,000 nodes.
 * Prints one JSON line per figure: latency (ms), content and file bytes, nodes, edges, omitted;
 * and the time of a full compliance report on the same graph.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signJwt } from '../server/src/auth/jwt';
import { Role } from '../server/src/auth/roles';
import type { IngestBundle, PredictionInput } from '@ion-lineage/contract';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { graphqlClient } from '../server/src/graphql/graphql-client';
import { loadScenario } from '../seed/src/load';
import { generateScenario } from '../seed/src/scenario';
import type { DemoScenario } from '../seed/src/scenario/types';
import { startServerProcess } from './server-process';
import { summarize } from './stats';

type Gql = ReturnType<typeof graphqlClient>;
const FORMATS = ['JSON', 'GRAPHML', 'PROV_JSON'] as const;
const EXPORT = `query Export($rootId: String!, $direction: LineageDirection, $depth: Int, $format: ExportFormat) {
  exportSubgraph(rootId: $rootId, direction: $direction, depth: $depth, format: $format) { manifest file }
}`;
const INGEST = 'mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { predictions { created } } }';

interface Manifest {
  contentBytes: number;
  counts: { nodes: number; edges: number };
  omitted: { restricted: number; unreachable: number; aggregated: number; groups: unknown[] };
}

/** A model version produced by a demo training run, with `count` predictions on a demo inference run. */
async function addBusyModelVersion(gql: Gql, scenario: DemoScenario, count: number): Promise<string> {
  const sample = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
  const mv = 'bench-export-mv';
  const base: IngestBundle = {
    models: [{ id: 'bench-export-model', name: 'bench-export-model' }],
    modelVersions: [
      {
        id: mv,
        modelId: 'bench-export-model',
        version: '1',
        algorithm: 'xgboost',
        format: 'ONNX',
        status: 'APPROVED',
        producedByRunId: sample.trainingRunIds[0]!,
      },
    ],
  };
  await gql(INGEST, { bundle: base });
  const start = Date.parse(sample.at);
  for (let offset = 0; offset < count; offset += 10_000) {
    const predictions: PredictionInput[] = Array.from({ length: Math.min(10_000, count - offset) }, (_, k) => {
      const i = offset + k;
      return {
        id: `bench-export-p-${i}`,
        runId: sample.inferenceRunId,
        requestId: `bench-export-r-${i}`,
        subjectKey: `patient-b${i % 5000}`,
        at: new Date(start + i * 1000).toISOString(),
        inputs: { age: 20 + (i % 70) },
        output: i % 3 ? 'NO_SCAN' : 'CT_SCAN',
        score: (i % 100) / 100,
        modelVersionIds: [mv],
      };
    });
    await gql(INGEST, { bundle: { predictions } });
  }
  return mv;
}

/** Times `samples` exports of one root in each format and reports sizes from the last one. */
export async function measureExports(
  gql: Gql,
  label: string,
  rootId: string,
  direction: string,
  depth: number,
  samples: number,
  warmup: number,
): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  for (const format of FORMATS) {
    const variables = { rootId, direction, depth, format };
    for (let i = 0; i < warmup; i++) await gql(EXPORT, variables);
    const latencies: number[] = [];
    let last: { manifest: Manifest; file: string } | undefined;
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      last = (await gql<{ exportSubgraph: { manifest: Manifest; file: string } }>(EXPORT, variables)).exportSubgraph;
      latencies.push(performance.now() - started);
    }
    const m = last!.manifest;
    out.push({
      bench: 'export',
      what: label,
      format,
      direction,
      depth,
      ...summarize(latencies),
      unit: 'ms',
      contentBytes: m.contentBytes,
      fileBytes: Buffer.byteLength(last!.file),
      nodes: m.counts.nodes,
      edges: m.counts.edges,
      omittedAggregated: m.omitted.aggregated,
      omittedGroups: m.omitted.groups.length,
      omittedRestricted: m.omitted.restricted + m.omitted.unreachable,
    });
  }
  return out;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isMain) {
  const { values } = parseArgs({
    options: {
      predictions: { type: 'string', default: '20000' },
      downstream: { type: 'string', default: '100000' },
      samples: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '5' },
      seed: { type: 'string', default: '7' },
    },
  });
  const emit = (record: Record<string, unknown>) => console.log(JSON.stringify(record));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-export-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '1g' });
  // Our own JWT secret, so the bench can also sign an AUDITOR token (cleared for PII/PHI).
  const secret = randomBytes(32).toString('hex');
  const server = await startServerProcess(neo4j.uri, { AUTH_JWT_SECRET: secret });
  try {
    const key = { secret: new TextEncoder().encode(secret) };
    const admin = graphqlClient(server.url, await signJwt({ sub: 'bench', roles: [Role.ADMIN] }, key, '24h'));
    const auditor = graphqlClient(server.url, await signJwt({ sub: 'bench-auditor', roles: [Role.AUDITOR] }, key, '24h'));
    const scenario = generateScenario({ seed: Number(values.seed), predictions: Number(values.predictions) });
    await loadScenario({ ingestBundle: (bundle) => admin(INGEST, { bundle }) }, scenario);
    const downstream = Number(values.downstream);
    const mv = await addBusyModelVersion(admin, scenario, downstream);
    const samples = Number(values.samples);
    const warmup = Number(values.warmup);
    const why = scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected.predictionId;
    for (const line of await measureExports(auditor, 'why-subgraph of a prediction', why, 'UPSTREAM', 6, samples, warmup)) emit(line);
    for (const direction of ['DOWNSTREAM', 'BOTH']) {
      for (const line of await measureExports(auditor, `model version with ${downstream} predictions downstream`, mv, direction, 3, samples, warmup))
        emit(line);
    }
    // The compliance report on the same graph: six policies, prediction sets counted with samples.
    const REPORT = '{ complianceReport(sampleSize: 20) { total policies { policy violationCount violations { count } } } }';
    for (let i = 0; i < warmup; i++) await auditor(REPORT);
    const latencies: number[] = [];
    let report:
      { complianceReport: { total: number; policies: Array<{ policy: string; violationCount: number; violations: Array<{ count: number }> }> } } | undefined;
    for (let i = 0; i < Math.max(5, Math.floor(samples / 4)); i++) {
      const started = performance.now();
      report = await auditor(REPORT);
      latencies.push(performance.now() - started);
    }
    const perPolicy = Object.fromEntries(report!.complianceReport.policies.map((p) => [p.policy, p.violations.reduce((n, v) => n + v.count, 0)]));
    emit({
      bench: 'compliance-report',
      what: 'complianceReport, all six policies',
      ...summarize(latencies),
      unit: 'ms',
      violations: report!.complianceReport.total,
      itemsPerPolicy: perPolicy,
    });
  } finally {
    await server.stop();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
