/**
 * Pure helpers of the monitoring page: the features of a drift series, the one to show first,
 * and the window whose histograms to draw.
 */
import type { DriftSeriesQuery } from '../api/generated';

export type DriftWindow = DriftSeriesQuery['driftSeries'][number];

/** Features in name order, the score and output pseudo-features last. */
export function featuresOf(series: readonly DriftWindow[]): string[] {
  const names = [...new Set(series.map((w) => w.feature))];
  const pseudo = (f: string) => (f.startsWith('__') ? 1 : 0);
  return names.sort((a, b) => pseudo(a) - pseudo(b) || a.localeCompare(b));
}

/** The feature to open with: the asked one if present, else the first that drifted, else the first. */
export function defaultFeature(series: readonly DriftWindow[], asked: string | null): string | null {
  const features = featuresOf(series);
  if (asked && features.includes(asked)) return asked;
  return series.find((w) => w.drifted)?.feature ?? features[0] ?? null;
}

/** The windows of one feature, oldest first. */
export function windowsOf(series: readonly DriftWindow[], feature: string): DriftWindow[] {
  return series.filter((w) => w.feature === feature).sort((a, b) => a.from.localeCompare(b.from) || a.pipelineNodeId.localeCompare(b.pipelineNodeId));
}

/** The metric plotted: PSI against the baseline, or against the previous window when there is no baseline. */
export function metricOf(w: DriftWindow): number | null {
  return w.psi ?? w.psiPrevious ?? null;
}

/** The window to draw histograms for: the asked one, else the one with the highest metric. */
export function focusWindow(windows: readonly DriftWindow[], askedId: string | null): DriftWindow | null {
  const asked = askedId ? windows.find((w) => w.id === askedId) : undefined;
  if (asked) return asked;
  let best: DriftWindow | null = null;
  for (const w of windows) if (w.histogram && (best === null || (metricOf(w) ?? -1) > (metricOf(best) ?? -1))) best = w;
  return best;
}

/** Histogram counts as shares, one row per bin and side, for a grouped bar chart. */
export function histogramRows(w: DriftWindow): Array<{ bin: string; order: number; side: 'reference' | 'window'; share: number }> {
  const h = w.histogram;
  if (!h) return [];
  const total = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) || 1;
  const ref = total(h.reference);
  const cur = total(h.current);
  return h.bins.flatMap((bin, i) => [
    { bin, order: i, side: 'reference' as const, share: h.reference[i]! / ref },
    { bin, order: i, side: 'window' as const, share: h.current[i]! / cur },
  ]);
}
