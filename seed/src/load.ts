/**
 * Sends a generated scenario through an ingest service: the base bundle first, then the
 * prediction batches. Batches refer only to the base, so up to `concurrency` of them may be in
 * flight at once. Each batch's content is fixed by the seed, so the stored graph does not
 * depend on the arrival order.
 */
import type { IngestBundle } from '@ion-lineage/contract';
import { type ArtifactUploader, uploadArtifacts } from './artifact-upload';
import type { DemoScenario } from './scenario/types';

/** Anything that writes bundles (structurally, `IngestService`). */
export interface BundleIngest {
  ingestBundle(bundle: IngestBundle): Promise<unknown>;
}

/** What a load did. Predictions count primary and control items alike (2 per request). */
export interface LoadResult {
  predictions: number;
  requests: number;
  seconds: number;
  /** Time spent on the base bundle (everything but predictions). */
  baseSeconds: number;
  /** Predictions per second over the prediction batches alone. */
  predictionsPerSecond: number;
}

/** Anything that records baseline samples (structurally, the drift service). */
export interface BaselineSink {
  recordBaseline(datasetVersionId: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<unknown>;
}

export interface LoadOptions {
  /** Where the training dataset versions' baseline samples go (after the base); none when absent. */
  baselines?: BaselineSink;
  onProgress?: (done: number, total: number) => void;
  /**
   * Prediction batches written at once. Default 1: on two cores, a second writer did not raise
   * the rate (both attach to the same serving run and model version nodes).
   */
  concurrency?: number;
  /** Where to upload the scenario's model artifacts (none: they are not uploaded). */
  artifacts?: ArtifactUploader;
}

/**
 * Loads `scenario` through `ingest`. `onProgress(done, total)` is called after the base (with
 * done = 0) and after every batch, counting PredictionInput items. The first failed write
 * stops the load (batches already in flight finish) and rejects with that error.
 */
export async function loadScenario(
  ingest: BundleIngest,
  scenario: DemoScenario,
  options: LoadOptions | ((done: number, total: number) => void) = {},
): Promise<LoadResult> {
  const { onProgress, concurrency = 1, artifacts, baselines } = typeof options === 'function' ? { onProgress: options } : options;
  const total = scenario.truth.counts.predictions;
  const started = performance.now();
  if (artifacts) await uploadArtifacts(artifacts, scenario.artifacts);
  await ingest.ingestBundle(scenario.base);
  if (baselines) for (const sample of scenario.baselines()) await baselines.recordBaseline(sample.datasetVersionId, sample.rows);
  const baseSeconds = (performance.now() - started) / 1000;
  onProgress?.(0, total);

  let done = 0;
  let failure: unknown;
  const inFlight = new Set<Promise<void>>();
  for (const batch of scenario.predictionBatches()) {
    if (failure !== undefined) break;
    const write: Promise<void> = ingest.ingestBundle(batch).then(
      () => {
        done += batch.predictions?.length ?? 0;
        onProgress?.(done, total);
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    const tracked = write.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= Math.max(1, concurrency)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;

  const seconds = (performance.now() - started) / 1000;
  const batchSeconds = seconds - baseSeconds;
  return { predictions: done, requests: scenario.truth.requests, seconds, baseSeconds, predictionsPerSecond: batchSeconds > 0 ? done / batchSeconds : 0 };
}
