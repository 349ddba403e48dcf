import { describe, expect, it } from 'vitest';
import { checkMetricRanges, matchesMetrics } from './metric-filter';

describe('matchesMetrics', () => {
  const metrics = { auc: 0.82, f1: 0.7, note: 'n/a' };

  it('keeps versions within every range, bounds inclusive', () => {
    expect(matchesMetrics(metrics, [{ name: 'auc', min: 0.8 }])).toBe(true);
    expect(matchesMetrics(metrics, [{ name: 'auc', min: 0.82, max: 0.82 }])).toBe(true);
    expect(
      matchesMetrics(metrics, [
        { name: 'auc', min: 0.8 },
        { name: 'f1', max: 0.75 },
      ]),
    ).toBe(true);
  });

  it('drops versions outside a range', () => {
    expect(matchesMetrics(metrics, [{ name: 'auc', min: 0.85 }])).toBe(false);
    expect(matchesMetrics(metrics, [{ name: 'f1', max: 0.6 }])).toBe(false);
  });

  it('drops versions without the metric, or with a non-number', () => {
    expect(matchesMetrics(metrics, [{ name: 'recall', min: 0 }])).toBe(false);
    expect(matchesMetrics(metrics, [{ name: 'note', min: 0 }])).toBe(false);
    expect(matchesMetrics(null, [{ name: 'auc', min: 0 }])).toBe(false);
  });

  it('keeps everything when there is no range', () => {
    expect(matchesMetrics(null, [])).toBe(true);
  });
});

describe('checkMetricRanges', () => {
  it('names the offending range', () => {
    expect(checkMetricRanges([{ name: 'auc', min: 0.9, max: 0.8 }, { name: ' ', min: 1 }, { name: 'f1' }])).toEqual([
      { path: 'filter.metrics[0]', message: 'min is above max' },
      { path: 'filter.metrics[1].name', message: 'must not be empty' },
      { path: 'filter.metrics[2]', message: 'needs min or max' },
    ]);
  });
});
