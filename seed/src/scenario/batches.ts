/** Lazily generated prediction batches, in time order, each carrying the runs it needs. */
import type { IngestBundle } from '../../../server/src/ingest/contract';
import type { PredictionFactory } from './predictions';
import type { ServingRuns } from './serving-runs';

/**
 * Yields bundles of at most `batchSize` predictions (primary + control, so batchSize / 2
 * requests). The runs, stages, model loads and events of an hour travel in the batch that holds
 * the hour's first prediction; later batches refer back to them. Nothing is kept between
 * batches except the last hour emitted, so memory stays flat at any scale.
 */
export function* predictionBatches(factory: PredictionFactory, runs: ServingRuns, requests: number, batchSize: number): Generator<IngestBundle> {
  const perBatch = Math.floor(batchSize / 2);
  let lastHour = -1;
  for (let start = 0; start < requests; start += perBatch) {
    const end = Math.min(requests, start + perBatch);
    const bundle = { runs: [], stages: [], modelLoads: [], predictions: [], events: [] } satisfies IngestBundle as Required<Pick<IngestBundle, 'runs' | 'stages' | 'modelLoads' | 'predictions' | 'events'>>;
    for (let i = start; i < end; i++) {
      const pair = factory.make(i);
      if (pair.hour !== lastHour) {
        const hour = runs.build(pair.hour);
        bundle.runs.push(...hour.runs);
        bundle.stages.push(...hour.stages);
        bundle.modelLoads.push(...hour.modelLoads);
        bundle.events.push(...hour.events);
        lastHour = pair.hour;
      }
      bundle.predictions.push(pair.primary, pair.control);
    }
    yield bundle;
  }
}
