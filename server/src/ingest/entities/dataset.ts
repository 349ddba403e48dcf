import type { DatasetInput, DatasetVersionInput, FeatureInput } from '@ion-lineage/contract';
import type { EntitySpec } from '../engine';
import { datasetSchema, datasetVersionSchema, featureSchema } from '@ion-lineage/contract/schemas';
import { jsonOrNull, orNull, tagRows } from './to-row';

export const datasetSpec: EntitySpec<DatasetInput> = {
  part: 'datasets',
  label: 'Dataset',
  schema: datasetSchema,
  key: (item) => item.id,
  refs: () => [],
  toRow: (item, hash) => ({
    id: item.id,
    name: item.name,
    uri: orNull(item.uri),
    classification: item.classification,
    owner: orNull(item.owner),
    description: orNull(item.description),
    schema: jsonOrNull(item.schema),
    tags: tagRows(item.tags),
    hash,
  }),
  writeQueries: ['ingest/datasets'],
};

export const datasetVersionSpec: EntitySpec<DatasetVersionInput> = {
  part: 'datasetVersions',
  label: 'DatasetVersion',
  schema: datasetVersionSchema,
  key: (item) => item.id,
  refs: (item) => [{ field: 'datasetId', label: 'Dataset', id: item.datasetId }],
  toRow: (item, hash) => ({
    id: item.id,
    datasetId: item.datasetId,
    version: item.version,
    digest: item.digest,
    rowCount: orNull(item.rowCount),
    createdAt: orNull(item.createdAt),
    schema: jsonOrNull(item.schema),
    tags: tagRows(item.tags),
    hash,
  }),
  writeQueries: ['ingest/dataset-versions'],
};

export const featureSpec: EntitySpec<FeatureInput> = {
  part: 'features',
  label: 'Feature',
  schema: featureSchema,
  key: (item) => item.id,
  refs: (item) => item.derivedFromDatasetIds.map((id, i) => ({ field: `derivedFromDatasetIds[${i}]`, label: 'Dataset', id })),
  toRow: (item, hash) => ({
    id: item.id,
    name: item.name,
    dtype: item.dtype,
    description: orNull(item.description),
    classification: item.classification,
    transform: orNull(item.transform),
    datasetIds: item.derivedFromDatasetIds,
    tags: tagRows(item.tags),
    hash,
  }),
  writeQueries: ['ingest/features'],
};
