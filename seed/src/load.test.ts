import { describe, expect, it } from 'vitest';
import type { IngestBundle } from '@ion-lineage/contract';
import { loadScenario } from './load';
import { generateScenario } from './scenario';

/** A fake ingest that records what it receives and how many writes overlap. */
function fakeIngest(delayMs = 1) {
  const received: IngestBundle[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    received,
    maxInFlight: () => maxInFlight,
    async ingestBundle(bundle: IngestBundle): Promise<unknown> {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      received.push(bundle);
      inFlight--;
      return {};
    },
  };
}

describe('loadScenario', () => {
  it('sends the base first, then every batch, at most two writes at a time', async () => {
    const scenario = generateScenario({ seed: 5, predictions: 2_500, predictionBatchSize: 1_000 });
    const ingest = fakeIngest();
    const progress: Array<[number, number]> = [];
    const result = await loadScenario(ingest, scenario, { onProgress: (done, total) => progress.push([done, total]), concurrency: 2 });
    expect(ingest.maxInFlight()).toBe(2);
    expect(ingest.received[0]).toBe(scenario.base);
    const sorted = (bundles: IngestBundle[]) => bundles.map((b) => JSON.stringify(b)).sort();
    expect(sorted(ingest.received.slice(1))).toEqual(sorted([...scenario.predictionBatches()]));
    expect(result.predictions).toBe(5_000);
    expect(result.requests).toBe(2_500);
    expect(result.predictionsPerSecond).toBeGreaterThan(0);
    expect(progress[0]).toEqual([0, 5_000]);
    expect(progress.at(-1)).toEqual([5_000, 5_000]);
    expect(progress.map(([done]) => done)).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000]);
  });

  it('writes one batch at a time by default', async () => {
    const scenario = generateScenario({ seed: 5, predictions: 2_000, predictionBatchSize: 1_000 });
    const ingest = fakeIngest();
    await loadScenario(ingest, scenario);
    expect(ingest.maxInFlight()).toBe(1);
    expect(JSON.stringify(ingest.received.slice(1))).toBe(JSON.stringify([...scenario.predictionBatches()]));
  });

  it('stops at the first failed write', async () => {
    const scenario = generateScenario({ seed: 5, predictions: 2_000, predictionBatchSize: 1_000 });
    let calls = 0;
    const failing = {
      ingestBundle: async (): Promise<unknown> => {
        if (++calls === 2) throw new Error('database down');
        return {};
      },
    };
    await expect(loadScenario(failing, scenario, { concurrency: 1 })).rejects.toThrow('database down');
    expect(calls).toBe(2);
  });
});
