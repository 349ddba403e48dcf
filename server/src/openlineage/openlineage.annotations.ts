/**
 * Readers of the facets that annotate nodes rather than make them: `tags` and `ownership` (on
 * datasets, jobs and runs), `dataQualityMetrics` / `dataQualityAssertions` (on a dataset as a
 * run read it) and `columnLineage` (output column ← input columns). Pure.
 */
import { tagSchema } from '@ion-lineage/contract/schemas';
import { tagRows } from '../ingest/entities/to-row';
import { facet, str } from './openlineage.facets';
import { olIds } from './openlineage.rows';
import type { OlDataset, OlFacets } from './openlineage.types';

/** Tags and owners of one node, merged into what it already carries. */
export interface AnnotationRow {
  label: 'Dataset' | 'Model' | 'PipelineNode' | 'Run';
  nodeId: string;
  tags: Array<{ id: string; key: string; value: string }>;
  owners: Array<{ id: string; name: string; type: string | null; kind: 'HUMAN' | 'SERVICE' }>;
}

/** Data quality of one dataset version as a run read it (or as a DatasetEvent names it). */
export interface QualityRow {
  datasetId: string;
  versionId: string;
  /** The version the run READ (an input without a `version` facet), found in the graph. */
  latest: boolean;
  runId: string | null;
  metrics: string | null;
  assertions: string | null;
}

/** One column-level edge: an output column derived from an input column. */
export interface ColumnRow {
  id: string;
  datasetId: string;
  datasetName: string;
  datasetUri: string;
  name: string;
  fromId: string;
  fromDatasetId: string;
  fromDatasetName: string;
  fromDatasetUri: string;
  fromName: string;
  transformation: string | null;
}

/** Most tags, owners and column edges read from one facet: a facet is not a bulk-load path. */
const MAX_ITEMS = 1_000;

/** Longest column name mapped: a column id must fit Neo4j's index key size beside its dataset's id. */
const MAX_COLUMN_NAME = 512;

/** The id of a dataset column: its dataset's id and its name. */
export const columnId = (datasetId: string, column: string) => `${datasetId}#${column}`;

/** Where a dataset lives, as the datasets mapping spells it. */
export const uriOf = (namespace: string, name: string) => (namespace.endsWith('/') ? `${namespace}${name}` : `${namespace}/${name}`);

/** The `tags` facet's pairs that fit the ingest contract (key syntax, lengths), each once. */
export function tagsOf(facets: OlFacets | undefined): AnnotationRow['tags'] {
  const list = facet(facets, 'tags')?.tags;
  if (!Array.isArray(list)) return [];
  const seen = new Map<string, { key: string; value: string }>();
  for (const raw of list.slice(0, MAX_ITEMS) as Array<{ key?: unknown; value?: unknown }>) {
    const parsed = tagSchema.safeParse({ key: raw.key, value: raw.value });
    if (parsed.success) seen.set(`${parsed.data.key}=${parsed.data.value}`, parsed.data);
  }
  return tagRows([...seen.values()]);
}

/**
 * The `ownership` facet's owners as principals `ol-owner:<name>`. Names are URNs by convention
 * (`user:jdoe`, `team:data`, `application:etl`): `user:` owners are people, others services.
 */
export function ownersOf(facets: OlFacets | undefined): AnnotationRow['owners'] {
  const list = facet(facets, 'ownership')?.owners;
  if (!Array.isArray(list)) return [];
  return (list.slice(0, MAX_ITEMS) as Array<{ name?: unknown; type?: unknown }>).flatMap((owner) => {
    const name = str(owner.name);
    if (!name || name.length > 512) return [];
    return [{ id: `ol-owner:${name}`, name, type: str(owner.type), kind: name.startsWith('user:') ? ('HUMAN' as const) : ('SERVICE' as const) }];
  });
}

/** `dataQualityMetrics` and `dataQualityAssertions` of a dataset as JSON text, or null. */
export function qualityOf(dataset: OlDataset): { metrics: string | null; assertions: string | null } {
  const metrics = facet(dataset.inputFacets, 'dataQualityMetrics') ?? facet(dataset.facets, 'dataQualityMetrics');
  const assertions = facet(dataset.inputFacets, 'dataQualityAssertions') ?? facet(dataset.facets, 'dataQualityAssertions');
  const strip = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('_')));
  return {
    metrics: metrics ? JSON.stringify(strip(metrics)) : null,
    assertions: Array.isArray(assertions?.assertions) ? JSON.stringify(assertions.assertions) : null,
  };
}

/** The `columnLineage` facet of an output dataset as column edges (dataset-wide dependencies are left out). */
export function columnsOf(dataset: OlDataset, datasetId: string): ColumnRow[] {
  const fields = facet(dataset.facets, 'columnLineage')?.fields;
  if (!fields || typeof fields !== 'object') return [];
  const rows: ColumnRow[] = [];
  for (const [name, spec] of Object.entries(fields as Record<string, { inputFields?: unknown; transformationType?: unknown }>)) {
    const inputs = Array.isArray(spec?.inputFields)
      ? (spec.inputFields as Array<{ namespace: string; name: string; field: string; transformations?: unknown }>)
      : [];
    if (name.length > MAX_COLUMN_NAME) continue;
    for (const input of inputs) {
      if (rows.length >= MAX_ITEMS) return rows;
      if (input.field.length > MAX_COLUMN_NAME) continue;
      const fromDatasetId = olIds.dataset(input.namespace, input.name);
      const kinds = Array.isArray(input.transformations) ? (input.transformations as Array<{ type?: unknown; subtype?: unknown }>) : [];
      const transformation = kinds.map((t) => [str(t.type), str(t.subtype)].filter(Boolean).join('/')).find(Boolean) ?? str(spec.transformationType);
      rows.push({
        id: columnId(datasetId, name),
        datasetId,
        datasetName: dataset.name,
        datasetUri: uriOf(dataset.namespace, dataset.name),
        name,
        fromId: columnId(fromDatasetId, input.field),
        fromDatasetId,
        fromDatasetName: input.name,
        fromDatasetUri: uriOf(input.namespace, input.name),
        fromName: input.field,
        transformation,
      });
    }
  }
  return rows;
}
