import type { ModelInput, ModelVersionInput } from '@ion-lineage/contract';
import type { EntitySpec, Ref } from '../engine';
import { modelSchema, modelVersionSchema } from '@ion-lineage/contract/schemas';
import { jsonOrNull, orNull, tagRows } from './to-row';

export const modelSpec: EntitySpec<ModelInput> = {
  part: 'models',
  label: 'Model',
  schema: modelSchema,
  key: (item) => item.id,
  refs: () => [],
  toRow: (item, hash) => ({ id: item.id, name: item.name, description: orNull(item.description), tags: tagRows(item.tags), hash }),
  writeQueries: ['ingest/models'],
};

function modelVersionRefs(item: ModelVersionInput): Ref[] {
  const refs: Ref[] = [{ field: 'modelId', label: 'Model', id: item.modelId }];
  if (item.producedByRunId) refs.push({ field: 'producedByRunId', label: 'Run', id: item.producedByRunId });
  if (item.uploadedById) refs.push({ field: 'uploadedById', label: 'Principal', id: item.uploadedById });
  item.members?.forEach((member, i) => refs.push({ field: `members[${i}].modelVersionId`, label: 'ModelVersion', id: member.modelVersionId }));
  return refs;
}

export const modelVersionSpec: EntitySpec<ModelVersionInput> = {
  part: 'modelVersions',
  label: 'ModelVersion',
  schema: modelVersionSchema,
  key: (item) => item.id,
  refs: modelVersionRefs,
  check: (item) =>
    (item.members ?? []).flatMap((member, i) =>
      member.modelVersionId === item.id ? [{ path: `members[${i}].modelVersionId`, message: 'an ensemble cannot contain itself' }] : [],
    ),
  toRow: (item, hash) => ({
    id: item.id,
    modelId: item.modelId,
    version: item.version,
    algorithm: item.algorithm,
    framework: orNull(item.framework),
    format: item.format,
    artifactUri: orNull(item.artifactUri),
    digest: orNull(item.digest),
    hyperparameters: jsonOrNull(item.hyperparameters),
    metrics: jsonOrNull(item.metrics),
    inputSchema: jsonOrNull(item.inputSchema),
    outputSchema: jsonOrNull(item.outputSchema),
    status: item.status,
    producedByRunId: orNull(item.producedByRunId),
    uploadedById: orNull(item.uploadedById),
    createdAt: orNull(item.createdAt),
    members: item.members ?? [],
    tags: tagRows(item.tags),
    hash,
  }),
  // Nodes first, then ensemble edges, so members may come in the same batch as the ensemble.
  writeQueries: ['ingest/model-versions', 'ingest/model-version-members'],
  outboxQueries: ['webhooks/outbox-model-versions'],
};
