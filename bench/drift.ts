/**
 * Drift figures: ingest rate with serving-window signatures on vs off (the same scenario loaded
 * into a wiped local Neo4j, alternately, through the ingest service), the time of one
 * evaluation of the demo ION, and the drift computation of one window of 100,000 predictions ×
 * 10 features (signatures built, stored form round-tripped, compared with a baseline).
 *
 * Usage: npm run bench:drift -- [--requests 3000] [--rounds 2]
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compareSignatures } from '../server/src/drift/drift.compare';
import { fromStored, summarizeRows, toStored } from '../server/src/drift/drift.signature';
import { applyGraphSchema, openGraph } from '../server/src/graph';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { loadScenario } from '../seed/src/load';
import { generateScenario } from '../seed/src/scenario';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '3000' }, rounds: { type: 'string', default: '2' } } });
const requests = Number(values.requests);
const rounds = Number(values.rounds);

/** Builds, stores, reloads and compares signatures of `n` rows × 10 features; milliseconds per step. */
function windowComputation(n: number): Record<string, number> {
  let s = 1;
  const u = () => (s = (s * 48271) % 2147483647) / 2147483647;
  const row = (shift: number) => ({
    f0: 150 * u() ** 2.2 * shift,
    f1: 4 + 14 * u() ** 1.3,
    f2: u(),
    f3: 18 + 77 * Math.sqrt(u()),
    f4: 0.2 + 3 * u() ** 2.5,
    f5: u() ** 1.5,
    f6: Math.floor(5 * u() ** 2),
    f7: u() < 0.5 ? 'F' : 'M',
    f8: ['J', 'I', 'R', 'S', 'C', 'K'][Math.floor(6 * u())]!,
    f9: u() < 0.88,
  });
  const baseline = summarizeRows(Array.from({ length: 10_000 }, () => row(1)));
  const rows = Array.from({ length: n }, () => row(1.6));
  const t0 = performance.now();
  const sigs = summarizeRows(rows);
  const t1 = performance.now();
  const stored = [...sigs.values()].map(toStored);
  const back = stored.map(fromStored);
  const t2 = performance.now();
  for (const sig of back) compareSignatures(baseline.get(sig.feature)!, sig);
  const t3 = performance.now();
  return {
    summarizeMs: t1 - t0,
    storeAndLoadMs: t2 - t1,
    compareMs: t3 - t2,
    totalMs: t3 - t0,
    storedBytes: stored.reduce((b, x) => b + (x.sketch?.length ?? 0) + (x.categories?.length ?? 0), 0),
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-lineage-bench-drift-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '512m' });
  const target = { uri: neo4j.uri, user: 'neo4j', password: 'local' };
  const scenario = generateScenario({ seed: 42, predictions: requests });
  const rates: Record<'on' | 'off', number[]> = { on: [], off: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['off', 'on'] as const) {
        const graph = openGraph(target, undefined, { signatures: mode === 'on', auditCheckpointFile: null });
        const session = graph.driver.session();
        await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
        await session.close();
        await applyGraphSchema(graph);
        const result = await loadScenario(graph.services.ingest, scenario);
        rates[mode].push(result.predictionsPerSecond);
        console.error(`round ${round + 1} signatures ${mode}: ${Math.round(result.predictionsPerSecond)} predictions/s`);
        if (mode === 'on' && round === rounds - 1) {
          for (const sample of scenario.baselines()) await graph.services.drift.recordBaseline(sample.datasetVersionId, sample.rows);
          await graph.services.drift.setPolicy({ ionId: scenario.truth.drift.ionId, minCount: 50 });
          const t = performance.now();
          const evaluation = await graph.services.drift.evaluate(scenario.truth.drift.ionId);
          console.error(`evaluation: ${evaluation.windows} windows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
        }
        await graph.close();
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const window = windowComputation(100_000);
    console.log(
      JSON.stringify(
        {
          requests,
          predictions: 2 * requests,
          rounds,
          offPerSecond: median(rates.off),
          onPerSecond: median(rates.on),
          slowdown: median(rates.off) / median(rates.on),
          window100k: window,
        },
        null,
        2,
      ),
    );
  } finally {
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
