import { describe, expect, it } from 'vitest';
import { generateScenario } from './scenario';

describe('predictionBatches(range)', () => {
  it('yields, for ranges on batch boundaries, exactly the batches of a full pass (so workers can split one)', () => {
    const scenario = generateScenario({ seed: 3, predictions: 1_050, predictionBatchSize: 200 });
    const full = [...scenario.predictionBatches()];
    const split = [...scenario.predictionBatches({ from: 0, to: 500 }), ...scenario.predictionBatches({ from: 500, to: 1_050 })];
    expect(split).toEqual(full);
    expect(split.reduce((n, batch) => n + batch.predictions!.length, 0)).toBe(2_100);
  });
});
