/**
 * The bench's bulk export, split between worker threads: the main thread writes the base
 * bundle, each worker a contiguous share of the prediction batches with its own
 * `BulkCsvWriter` (the same code the CLI runs), and the manifests are merged into one import.
 * The demo's batches depend on the base only, so the shares are independent.
 */
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { exportBundles } from '../server/src/bulk/bulk-import';
import { type BulkManifest, mergeManifests } from '../server/src/bulk/bulk-writer';
import { DEFAULT_PREDICTION_BATCH_SIZE, generateScenario } from '../seed/src/scenario';

interface Share {
  seed: number;
  requests: number;
  from: number;
  to: number;
  dir: string;
  now: string;
  compress: boolean;
}

/** Exports the demo scenario of `requests` into `dir` with `workers` threads; resolves with the merged manifest. */
export async function exportScenarioParallel(
  seed: number,
  requests: number,
  dir: string,
  workers: number,
  onShareDone?: (i: number) => void,
  compress = false,
): Promise<BulkManifest> {
  const scenario = generateScenario({ seed, predictions: requests });
  const now = new Date();
  const base = await exportBundles([scenario.base], path.join(dir, 'base'), undefined, now, { compress });
  // Shares start on batch boundaries (of both sizes), so each worker's batches are exactly the full pass's.
  const perBatch = DEFAULT_PREDICTION_BATCH_SIZE / 2;
  const batches = Math.ceil(requests / perBatch);
  const shares: Share[] = Array.from({ length: workers }, (_, i) => ({
    seed,
    requests,
    from: Math.floor((batches * i) / workers) * perBatch,
    to: Math.min(requests, Math.floor((batches * (i + 1)) / workers) * perBatch),
    dir: path.join(dir, `part-${i}`),
    now: now.toISOString(),
    compress,
  }));
  const parts = await Promise.all(
    shares.map(
      (share, i) =>
        new Promise<BulkManifest>((resolve, reject) => {
          // The bench runs under tsx: the worker registers its loader before importing this file.
          const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
          const worker = new Worker(boot, { eval: true, workerData: share, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
          worker.once('message', (manifest: BulkManifest) => {
            onShareDone?.(i);
            resolve(manifest);
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`export worker ${i} exited with ${code}`))));
        }),
    ),
  );
  return mergeManifests([base, ...parts]);
}

/**
 * Predictions per bundle a worker exports. The demo's predictions do not depend on the batch
 * size, so smaller bundles give the same rows; they die young instead of being promoted by the
 * collector while a 10,000-prediction bundle is validated (about a sixth less CPU per prediction).
 */
export const EXPORT_BATCH_SIZE = 1_000;

if (!isMainThread && workerData) {
  const share = workerData as Share;
  const scenario = generateScenario({ seed: share.seed, predictions: share.requests, predictionBatchSize: EXPORT_BATCH_SIZE });
  const manifest = await exportBundles(scenario.predictionBatches({ from: share.from, to: share.to }), share.dir, undefined, new Date(share.now), {
    compress: share.compress,
  });
  parentPort!.postMessage(manifest);
}
