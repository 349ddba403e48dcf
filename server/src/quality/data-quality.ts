/** Data quality of a dataset version as OpenLineage reports it, read from its stored JSON; pure. */
import { parseStoredJsonObject } from '../store/stored-json';

/** One data-quality test and its outcome. */
export interface DataAssertionView {
  assertion: string;
  success: boolean;
  column: string | null;
  severity: string | null;
  name: string | null;
}

/** A dataset version's quality: metrics (row count, bytes, per-column counts...) and tests. */
export interface DataQualityView {
  metrics: Record<string, unknown> | null;
  assertions: DataAssertionView[];
  passed: number;
  failed: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** The quality of a version from its stored `qualityMetrics` / `qualityAssertions`, or null when none was reported. */
export function dataQualityOf(metrics: string | null | undefined, assertions: string | null | undefined): DataQualityView | null {
  if (!metrics && !assertions) return null;
  let list: unknown = [];
  try {
    list = assertions ? JSON.parse(assertions) : [];
  } catch {
    list = [];
  }
  const tests = (Array.isArray(list) ? list : []).flatMap((raw: Record<string, unknown>) =>
    raw && typeof raw.assertion === 'string' && typeof raw.success === 'boolean'
      ? [{ assertion: raw.assertion, success: raw.success, column: text(raw.column), severity: text(raw.severity), name: text(raw.name) }]
      : [],
  );
  return {
    metrics: metrics ? parseStoredJsonObject(metrics) : null,
    assertions: tests,
    passed: tests.filter((t) => t.success).length,
    failed: tests.filter((t) => !t.success).length,
  };
}
