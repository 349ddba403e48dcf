import type { JsonObject } from '@ion-lineage/contract';

/** A threshold on one training metric, e.g. `{ name: "auc", min: 0.8 }`; bounds are inclusive. */
export interface MetricRange {
  name: string;
  min?: number | null;
  max?: number | null;
}

/**
 * True when every range holds for the version's metrics. A metric that is missing or not a
 * number fails its range: "AUC ≥ 0.8" should not list versions whose AUC nobody recorded.
 */
export function matchesMetrics(metrics: JsonObject | null, ranges: readonly MetricRange[]): boolean {
  return ranges.every((range) => {
    const value = metrics?.[range.name];
    if (typeof value !== 'number' || Number.isNaN(value)) return false;
    if (range.min !== null && range.min !== undefined && value < range.min) return false;
    if (range.max !== null && range.max !== undefined && value > range.max) return false;
    return true;
  });
}

/** Problems with the ranges themselves (empty name, min above max), as input-field paths. */
export function checkMetricRanges(ranges: readonly MetricRange[]): Array<{ path: string; message: string }> {
  return ranges.flatMap((range, i) => {
    const problems: Array<{ path: string; message: string }> = [];
    if (!range.name.trim()) problems.push({ path: `filter.metrics[${i}].name`, message: 'must not be empty' });
    if (range.min != null && range.max != null && range.min > range.max) problems.push({ path: `filter.metrics[${i}]`, message: 'min is above max' });
    if (range.min == null && range.max == null) problems.push({ path: `filter.metrics[${i}]`, message: 'needs min or max' });
    return problems;
  });
}
