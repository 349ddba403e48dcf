import { toTagViews } from '../tags/tag-views';
import DataLoader from 'dataloader';
import type * as C from '@ion-lineage/contract';
import type { QueryRunner } from '../store/executor';
import type { DatasetRef, ModelVersionSummary } from './search.types';
import { parseJsonText, runRows } from './values';

/** Per-feature fields of search results. */
export interface FeatureUsage {
  datasets: DatasetRef[];
  modelVersionCount: number;
}

/**
 * Per-request loaders of the provenance reads, each backed by one `UNWIND $ids` query, so a
 * page of results costs one query per field, not one per row. Create one set per request:
 * a loader caches, and a cache shared across requests would serve stale lineage.
 */
export interface ProvenanceLoaders {
  modelVersionSummary: DataLoader<string, ModelVersionSummary | null>;
  featureUsage: DataLoader<string, FeatureUsage | null>;
  predictionCount: DataLoader<string, number>;
}

interface SummaryRow {
  id: string;
  name: string;
  version: string;
  algorithm: string;
  framework: string | null;
  format: C.ModelFormat;
  status: C.ModelStatus;
  metrics: string | null;
  createdAt: string;
  model: { id: string; name: string } | null;
  trainingRunId: string | null;
  tags: string[];
}

/** Orders rows by the requested ids (DataLoader's contract); a missing id gets `fallback`. */
function byIds<R extends { id: string }, V>(ids: readonly string[], rows: R[], map: (row: R) => V, fallback: V): V[] {
  const found = new Map(rows.map((row) => [row.id, map(row)]));
  return ids.map((id) => found.get(id) ?? fallback);
}

/** Builds a fresh set of loaders over a query runner (the executor). */
export function createProvenanceLoaders(runner: QueryRunner): ProvenanceLoaders {
  return {
    modelVersionSummary: new DataLoader(async (ids) => {
      const rows = await runRows<SummaryRow>(runner, 'search/model-version-summaries', { ids: [...ids] });
      return byIds(ids, rows, ({ metrics, tags, ...row }) => ({ ...row, metrics: parseJsonText(metrics), tags: toTagViews(tags) }), null);
    }),
    featureUsage: new DataLoader(async (ids) => {
      const rows = await runRows<FeatureUsage & { id: string }>(runner, 'search/feature-usage', { ids: [...ids] });
      return byIds(ids, rows, ({ datasets, modelVersionCount }) => ({ datasets, modelVersionCount }), null);
    }),
    predictionCount: new DataLoader(async (ids) => {
      const rows = await runner.run<{ id: string; count: number }>('search/prediction-counts', { ids: [...ids] });
      return byIds(ids, rows, (row) => row.count, 0);
    }),
  };
}

const fallbackLoaders = new WeakMap<object, ProvenanceLoaders>();

/**
 * The request's loaders: those the context built, or (for contexts built without them, such
 * as direct schema execution in tests) a set created once per context object.
 */
export function provenanceLoaders(ctx: { loaders?: { provenance?: ProvenanceLoaders }; services: { executor: QueryRunner } }): ProvenanceLoaders {
  const given = ctx.loaders?.provenance;
  if (given) return given;
  let made = fallbackLoaders.get(ctx);
  if (!made) {
    made = createProvenanceLoaders(ctx.services.executor);
    fallbackLoaders.set(ctx, made);
  }
  return made;
}
