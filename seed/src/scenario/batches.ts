/** Lazily generated prediction batches, in time order. */
import type { IngestBundle } from '@ion-lineage/contract';
import type { PredictionFactory } from './predictions';

/**
 * Yields bundles of at most `batchSize` predictions (primary + control, so batchSize / 2
 * requests). The serving runs they refer to are in the base bundle, so batches depend on the
 * base only, never on each other, and may be written concurrently. Nothing is kept between
 * batches, so memory stays flat at any scale.
 */
export function* predictionBatches(factory: PredictionFactory, requests: number, batchSize: number): Generator<IngestBundle> {
  const perBatch = Math.floor(batchSize / 2);
  for (let start = 0; start < requests; start += perBatch) {
    const end = Math.min(requests, start + perBatch);
    const predictions: NonNullable<IngestBundle['predictions']> = [];
    for (let i = start; i < end; i++) {
      const pair = factory.make(i);
      predictions.push(pair.primary, pair.control);
    }
    yield { predictions };
  }
}
