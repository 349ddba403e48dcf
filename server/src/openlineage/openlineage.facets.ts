/** Readers of the OpenLineage facets this service maps into the graph; pure. */
import { createHash } from 'node:crypto';
import type { OlDataset, OlFacet, OlFacets } from './openlineage.types';
import type { JobRole } from './openlineage.rows';

/** Hex SHA-256 of a text: content-derived versions and ids. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A facet, unless absent or marked deleted. */
export function facet(facets: OlFacets | undefined, key: string): OlFacet | undefined {
  const value = facets?.[key];
  return value && value._deleted !== true ? value : undefined;
}

/** A non-empty string facet field, else null. */
export function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A dataset whose `datasetType` facet says MODEL is a model, not data. */
export function isModel(dataset: OlDataset): boolean {
  return String(facet(dataset.facets, 'datasetType')?.datasetType ?? '').toUpperCase() === 'MODEL';
}

/** A job that writes a model trains, one that reads a model infers, anything else is ETL. */
export function roleOf(event: { inputs?: OlDataset[]; outputs?: OlDataset[] }): JobRole {
  if ((event.outputs ?? []).some(isModel)) return 'TRAINING';
  if ((event.inputs ?? []).some(isModel)) return 'INFERENCE';
  return 'ETL';
}

/** `executionParameters` as a key → value object (the standard facet is a list of parameters). */
export function paramsOf(facets: OlFacets | undefined): Record<string, unknown> | null {
  const params = facet(facets, 'executionParameters');
  if (!params) return null;
  if (Array.isArray(params.parameters)) {
    return Object.fromEntries((params.parameters as Array<{ key: string; value?: unknown }>).map((p) => [p.key, p.value ?? null]));
  }
  const { _producer, _schemaURL, ...rest } = params;
  return rest;
}

/** The code a run executed: the location's revision, else a digest of the inline source. */
export function codeVersionOf(facets: OlFacets | undefined): { version: string | null; url: string | null; repo: string | null } {
  const location = facet(facets, 'sourceCodeLocation');
  const source = facet(facets, 'sourceCode');
  const inline = str(source?.sourceCode);
  const version = str(location?.version) ?? str(location?.tag) ?? str(location?.branch) ?? (inline ? `sha256:${sha256(inline).slice(0, 16)}` : null);
  return { version, url: str(location?.url), repo: str(location?.repoUrl) ?? str(location?.url) };
}

/** The version a dataset appears in: its `version` facet, else a digest of where it was seen. */
export function datasetVersionOf(dataset: OlDataset, scope: string): string {
  return str(facet(dataset.facets, 'version')?.datasetVersion) ?? sha256(`${scope}|${dataset.namespace}|${dataset.name}`).slice(0, 16);
}
