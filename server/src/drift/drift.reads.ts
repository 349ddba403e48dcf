/**
 * What the monitoring page, `why` and the drift-impact query read. A window's signature is an
 * aggregate of subjects' inputs, and a small one gives them back (a window of one prediction
 * has that prediction's value as every quantile), so callers without clearance get metrics and
 * histograms only for windows of at least `MIN_GROUP_SIZE` values.
 */
import { int } from 'neo4j-driver';
import { badInput } from '../errors';
import type { Executor, Row } from '../store/executor';
import type { DriftHistogram, DriftInForce, DriftPrediction, DriftPredictionPage, DriftWindowView } from './drift.types';

/** Fewest values a window must hold before an uncleared caller sees its metrics and histogram. */
export const MIN_GROUP_SIZE = 20;
/** Windows start at most this long before an instant they cover (the policy's maximum). */
const MAX_WINDOW_HOURS = 168;

type StoredWindow = Omit<DriftWindowView, 'histogram' | 'withheld' | 'psiPrevious' | 'ksPrevious' | 'jsPrevious'> & {
  histogram: string | null;
  psiPrev: number | null;
  ksPrev: number | null;
  jsPrev: number | null;
};

function checkTime(path: string, value: string | null | undefined, fallback: string): string {
  if (value === null || value === undefined) return fallback;
  if (Number.isNaN(Date.parse(value))) throw badInput([{ path, message: 'must be an ISO-8601 date-time' }]);
  return value;
}

/** Shapes a stored window for a caller; `cleared` callers see small windows too. */
export function windowView(w: StoredWindow, cleared: boolean): DriftWindowView {
  const histogram = w.histogram ? (JSON.parse(w.histogram) as DriftHistogram) : null;
  // The reference (a training sample or the previous window) is a group of subjects too.
  const referenceSize = histogram ? histogram.reference.reduce((sum, n) => sum + n, 0) : Infinity;
  const withheld = !cleared && (w.count < MIN_GROUP_SIZE || referenceSize < MIN_GROUP_SIZE);
  const hide = <T>(v: T): T | null => (withheld ? null : v);
  return {
    ...w,
    missingRate: hide(w.missingRate),
    psi: hide(w.psi),
    ks: hide(w.ks),
    js: hide(w.js),
    wasserstein: hide(w.wasserstein),
    psiPrevious: hide(w.psiPrev),
    ksPrevious: hide(w.ksPrev),
    jsPrevious: hide(w.jsPrev),
    modelVersionIds: w.modelVersionIds ?? [],
    histogram: withheld ? null : histogram,
    withheld,
  };
}

export class DriftReads {
  constructor(private readonly executor: Executor) {}

  /** Evaluated windows of an ION, oldest first. */
  async series(
    args: { ionId: string; feature?: string | null; modelVersionId?: string | null; from?: string | null; to?: string | null; limit: number },
    cleared: boolean,
  ): Promise<DriftWindowView[]> {
    if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > 5_000) throw badInput([{ path: 'limit', message: 'must be in [1, 5000]' }]);
    const rows = await this.executor.run<StoredWindow & Row>('drift/series', {
      ionId: args.ionId,
      feature: args.feature ?? null,
      modelVersionId: args.modelVersionId ?? null,
      from: checkTime('from', args.from, '1970-01-01T00:00:00Z'),
      to: checkTime('to', args.to, '9999-12-31T00:00:00Z'),
      limit: int(args.limit),
    });
    return rows.map((row) => windowView(row, cleared));
  }

  /** Drifted windows of a serving node covering `at`. */
  async inForce(pipelineNodeId: string, at: string): Promise<DriftInForce[]> {
    return this.executor.run<DriftInForce & Row>('drift/in-force', { pipelineNodeId, at, maxWindowHours: int(MAX_WINDOW_HOURS) });
  }

  /** A page of predictions made while `feature` drifted on the ION, oldest first. */
  async predictionsDuring(args: { ionId: string; feature: string; first: number; after?: string | null }): Promise<DriftPredictionPage> {
    if (!Number.isInteger(args.first) || args.first < 1 || args.first > 1_000) throw badInput([{ path: 'first', message: 'must be in [1, 1000]' }]);
    let afterAt = '1970-01-01T00:00:00Z';
    let afterId = '';
    if (args.after) {
      const [at, id] = Buffer.from(args.after, 'base64url').toString('utf8').split('|');
      if (!at || id === undefined || Number.isNaN(Date.parse(at))) throw badInput([{ path: 'after', message: 'is not a cursor this query returned' }]);
      [afterAt, afterId] = [at, id];
    }
    const items = await this.executor.run<DriftPrediction & Row>('drift/predictions-during', {
      ionId: args.ionId,
      feature: args.feature,
      afterAt,
      afterId,
      limit: int(args.first),
    });
    const last = items[items.length - 1];
    // A short page may still be followed by predictions of windows past the query's window cap.
    const nextCursor = last ? Buffer.from(`${last.at}|${last.id}`, 'utf8').toString('base64url') : null;
    return { items, nextCursor };
  }
}
