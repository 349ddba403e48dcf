/** Lazily generated prediction batches, in time order. */
import type { IngestBundle } from '@ion-lineage/contract';
import type { PredictionFactory } from './predictions';

/** Requests [from, to) of a scenario; `from` on a batch boundary gives the same batches as a full pass. */
export interface RequestRange {
  from: number;
  to: number;
}

/**
 * Yields bundles of at most `batchSize` predictions (primary + control, so batchSize / 2
 * requests). The serving runs they refer to are in the base bundle, so batches depend on the
 * base only, never on each other, and may be written concurrently. Nothing is kept between
 * batches, so memory stays flat at any scale.
 */
export function* predictionBatches(factory: PredictionFactory, requests: number, batchSize: number, range?: RequestRange): Generator<IngestBundle> {
  const perBatch = Math.floor(batchSize / 2);
  const to = Math.min(requests, range?.to ?? requests);
  for (let start = range?.from ?? 0; start < to; start += perBatch) {
    const end = Math.min(to, start + perBatch);
    const predictions: NonNullable<IngestBundle['predictions']> = [];
    for (let i = start; i < end; i++) {
      const pair = factory.make(i);
      predictions.push(pair.primary, pair.control);
    }
    yield { predictions };
  }
}
