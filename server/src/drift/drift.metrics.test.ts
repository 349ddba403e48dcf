import { describe, expect, it } from 'vitest';
import { binEdges, histogram, jensenShannon, ksStatistic, proportions, psi, quantile, sampleOf, wasserstein } from './drift.metrics';

describe('drift metrics', () => {
  it('KS is the largest CDF gap, ties counted together', () => {
    expect(ksStatistic(sampleOf([1, 2, 3]), sampleOf([1, 2, 3]))).toBe(0);
    expect(ksStatistic(sampleOf([1, 2]), sampleOf([3, 4]))).toBe(1);
    // F_a(1) = 0.5, F_b(1) = 0 → 0.5; after 2 both 1 and 0.5 → 0.5.
    expect(ksStatistic(sampleOf([1, 1, 2, 2]), sampleOf([2, 3]))).toBe(0.5);
    expect(ksStatistic(sampleOf([]), sampleOf([1]))).toBe(0);
  });

  it('Wasserstein is the area between the CDFs (a shift by c costs c)', () => {
    expect(wasserstein(sampleOf([0, 1, 2]), sampleOf([5, 6, 7]))).toBeCloseTo(5, 12);
    expect(wasserstein(sampleOf([0, 1]), sampleOf([0, 1]))).toBe(0);
  });

  it('quantiles, edges and histograms bin as numpy searchsorted(side=left) does', () => {
    const s = sampleOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(quantile(s, 0.5)).toBe(5);
    expect(binEdges(s, 5)).toEqual([2, 4, 6, 8]);
    expect(histogram(s, [2, 4, 6, 8])).toEqual([2, 2, 2, 2, 2]);
    expect(histogram(sampleOf([0, 2, 2.5, 100]), [2, 4])).toEqual([2, 1, 1]);
    expect(binEdges(sampleOf([1, 1, 1, 1, 2]), 4)).toEqual([1]);
  });

  it('PSI is zero for equal proportions, symmetric, and floors empty bins', () => {
    expect(psi([0.5, 0.5], [0.5, 0.5])).toBe(0);
    expect(psi([0.2, 0.8], [0.5, 0.5])).toBeCloseTo(psi([0.5, 0.5], [0.2, 0.8]), 12);
    expect(psi([0.5, 0.5], [0.2, 0.8])).toBeCloseTo(0.3 * Math.log(0.8 / 0.5) - 0.3 * Math.log(0.2 / 0.5), 12);
    expect(Number.isFinite(psi([1, 0], [0, 1]))).toBe(true);
  });

  it('Jensen–Shannon distance is 0 for equal, 1 for disjoint distributions (base 2)', () => {
    expect(jensenShannon([1, 0], [1, 0])).toBe(0);
    expect(jensenShannon([1, 0], [0, 1])).toBeCloseTo(1, 12);
    expect(jensenShannon([2, 2], [1, 1])).toBe(0);
    expect(proportions([1, 3])).toEqual([0.25, 0.75]);
  });
});
