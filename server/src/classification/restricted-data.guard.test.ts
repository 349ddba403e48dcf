import { describe, expect, it } from 'vitest';
import type { WhyAnswer } from '../why/why.types';
import { levelShownBy } from './restricted-data.guard';

type Models = Pick<WhyAnswer, 'models'>['models'];
const model = (datasets: Array<string | null>, features: Array<string | null>, members: Models = []) =>
  ({
    training: {
      datasetVersions: datasets.map((classification) => ({ dataset: { classification } })),
      features: features.map((classification) => ({ classification })),
    },
    members,
  }) as unknown as Models[number];

describe('levelShownBy', () => {
  it('takes the strictest training dataset or feature of the models and their members', () => {
    expect(levelShownBy({ models: [model(['PUBLIC'], ['INTERNAL'])] })).toBe('INTERNAL');
    expect(levelShownBy({ models: [model(['PUBLIC'], [], [model([], ['PHI'])])] })).toBe('PHI');
    expect(levelShownBy({ models: [model(['PII', 'CONFIDENTIAL'], [null])] })).toBe('PII');
  });

  it('knows nothing when the answer shows no classified training data (the full walk decides then)', () => {
    expect(levelShownBy({ models: [] })).toBeNull();
    expect(levelShownBy({ models: [{ training: null, members: [] } as unknown as Models[number]] })).toBeNull();
  });
});
