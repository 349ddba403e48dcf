import { describe, expect, it } from 'vitest';
import { generateScenario } from './scenario';
import { scenarioHash } from './testing';

const options = { seed: 42, predictions: 5_000, predictionBatchSize: 2_000 };

describe('determinism', () => {
  it('gives byte-identical output for the same seed and size', () => {
    expect(scenarioHash(generateScenario(options), 3)).toBe(scenarioHash(generateScenario(options), 3));
  });

  it('replays the same batches when iterated twice', () => {
    const scenario = generateScenario(options);
    expect(scenarioHash(scenario, 2)).toBe(scenarioHash(scenario, 2));
  });

  it('gives identical ground truth', () => {
    const strip = (s: ReturnType<typeof generateScenario>): string => JSON.stringify(s.truth);
    expect(strip(generateScenario(options))).toBe(strip(generateScenario(options)));
  });

  it('gives different data for different seeds', () => {
    const a = generateScenario(options);
    const b = generateScenario({ ...options, seed: 43 });
    expect(scenarioHash(a, 1)).not.toBe(scenarioHash(b, 1));
    expect(JSON.stringify(a.base.datasetVersions)).not.toBe(JSON.stringify(b.base.datasetVersions));
    expect(JSON.stringify(a.base.modelVersions)).not.toBe(JSON.stringify(b.base.modelVersions));
    const first = (s: typeof a): unknown => s.predictionBatches().next().value?.predictions?.[0];
    expect(first(a)).not.toEqual(first(b));
  });

  it('does not depend on the batch size, only on the seed and size', () => {
    const flat = (size: number): string =>
      JSON.stringify([...generateScenario({ ...options, predictionBatchSize: size }).predictionBatches()].flatMap((b) => b.predictions));
    expect(flat(1_000)).toBe(flat(10_000));
  });

  it('moves every timestamp with the start date', () => {
    const s = generateScenario({ ...options, startDate: '2027-01-10' });
    expect(s.truth.servingWindow.from).toBe('2027-01-14T00:00:00.000Z');
    expect(s.base.datasetVersions[0]!.id).toBe('dsv-xray-images-2027-01-10');
  });

  it('rejects bad options', () => {
    expect(() => generateScenario({ seed: 1, predictions: -1 })).toThrow(RangeError);
    expect(() => generateScenario({ seed: 1, predictions: 1.5 })).toThrow(RangeError);
    expect(() => generateScenario({ seed: 1, predictions: 10, predictionBatchSize: 1 })).toThrow(RangeError);
    expect(() => generateScenario({ seed: 1, predictions: 10, startDate: 'soon' })).toThrow(RangeError);
  });
});
