/**
 * `npm run bench -- --only bulk-export [--sizes 5000] [--rounds 8]`
 *
 * The bulk export's CPU cost per prediction, in one process: the demo's prediction bundles
 * generated, then checked (zod), then hashed (`contentHash`), then exported whole (check, hash,
 * `toRow`, CSV) with bundles of 10,000 and of 1,000 predictions. Stages alternate round by round
 * so load drift hits them alike; the figures are medians of CPU µs per prediction (user +
 * system of this process), which a shared machine distorts less than wall time. The export's
 * own stages are what remains once generation is subtracted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { predictionSchema } from '@ion-lineage/contract/schemas';
import { exportBundles } from '../server/src/bulk/bulk-import';
import { contentHash } from '../server/src/ingest/engine';
import { generateScenario } from '../seed/src/scenario';

export interface BulkExportBenchOptions {
  /** Requests per round (each gives a primary and a control prediction). */
  requests: number;
  rounds: number;
  seed: number;
}

type Stage = 'generate' | 'validate' | 'validateAndHash' | 'export10000' | 'export1000';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

/** CPU µs of `run` per prediction of `requests` requests. */
async function cpuPerPrediction(requests: number, run: () => Promise<void> | void): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / (2 * requests);
}

/** Prints one JSON line with the median CPU µs per prediction of each stage. */
export async function benchBulkExport(options: BulkExportBenchOptions, emit: (record: Record<string, unknown>) => void): Promise<void> {
  const { requests, rounds, seed } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bulk-export-'));
  const batches = (size: number) => generateScenario({ seed, predictions: requests, predictionBatchSize: size }).predictionBatches();
  const stages: Record<Stage, () => Promise<void> | void> = {
    generate: () => {
      for (const bundle of batches(10_000)) void bundle;
    },
    validate: () => {
      for (const bundle of batches(10_000)) for (const item of bundle.predictions!) predictionSchema.safeParse(item);
    },
    validateAndHash: () => {
      for (const bundle of batches(10_000)) for (const item of bundle.predictions!) contentHash(predictionSchema.parse(item));
    },
    export10000: async () => {
      await exportBundles(batches(10_000), path.join(dir, 'csv'));
      fs.rmSync(path.join(dir, 'csv'), { recursive: true });
    },
    export1000: async () => {
      await exportBundles(batches(1_000), path.join(dir, 'csv'));
      fs.rmSync(path.join(dir, 'csv'), { recursive: true });
    },
  };
  const samples = Object.fromEntries(Object.keys(stages).map((stage) => [stage, [] as number[]])) as Record<Stage, number[]>;
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [stage, run] of Object.entries(stages) as Array<[Stage, () => Promise<void> | void]>) {
        samples[stage].push(await cpuPerPrediction(requests, run));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const cpuUs = Object.fromEntries(Object.entries(samples).map(([stage, values]) => [stage, Math.round(median(values) * 10) / 10]));
  emit({
    bench: 'bulk-export',
    predictionsPerRound: 2 * requests,
    rounds,
    medianCpuUsPerPrediction: cpuUs,
    // What one core would export at that CPU cost, generation excluded (the CLI reads a file instead).
    perCorePredictionsPerSecond: Math.round(1e6 / Math.max(1, cpuUs.export1000! - cpuUs.generate!)),
    loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
  });
}
