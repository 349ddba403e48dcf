/**
 * Sends a generated scenario through an ingest service: the base bundle first, then every
 * prediction batch in order. Writes are sequential on purpose: a batch may refer to runs that
 * an earlier batch created, and one writer keeps every transaction's content deterministic.
 * The next batch is generated while the previous write is in flight, so generation (CPU) and
 * the database (I/O) overlap without a second concurrent writer.
 */
import type { IngestBundle } from '../../server/src/ingest/contract';
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
  predictionsPerSecond: number;
}

/**
 * Loads `scenario` through `ingest`. `onProgress(done, total)` is called after the base (with
 * done = 0) and after every batch, counting PredictionInput items.
 */
export async function loadScenario(ingest: BundleIngest, scenario: DemoScenario, onProgress?: (done: number, total: number) => void): Promise<LoadResult> {
  const total = scenario.truth.counts.predictions;
  const started = performance.now();
  await ingest.ingestBundle(scenario.base);
  onProgress?.(0, total);
  let done = 0;
  let inFlight: { write: Promise<unknown>; predictions: number } | null = null;
  const settle = async (): Promise<void> => {
    if (!inFlight) return;
    await inFlight.write;
    done += inFlight.predictions;
    inFlight = null;
    onProgress?.(done, total);
  };
  for (const batch of scenario.predictionBatches()) {
    await settle();
    inFlight = { write: ingest.ingestBundle(batch), predictions: batch.predictions?.length ?? 0 };
  }
  await settle();
  const seconds = (performance.now() - started) / 1000;
  return { predictions: done, requests: scenario.truth.requests, seconds, predictionsPerSecond: seconds > 0 ? done / seconds : 0 };
}
