import type { EventInput, IonInstanceInput, ModelLoadInput, RunInput, StageInput } from '@ion-lineage/contract';
import type { EntitySpec, Ref } from '../engine';
import { eventSchema, ionInstanceSchema, modelLoadSchema, runSchema, stageSchema } from '@ion-lineage/contract/schemas';
import { jsonOrNull, orNull, tagRows } from './to-row';

export const ionInstanceSpec: EntitySpec<IonInstanceInput> = {
  part: 'ionInstances',
  label: 'IONInstance',
  schema: ionInstanceSchema,
  key: (item) => item.id,
  refs: (item) => [{ field: 'ionId', label: 'ION', id: item.ionId }],
  toRow: (item, hash) => ({ id: item.id, ionId: item.ionId, startedAt: item.startedAt, endedAt: orNull(item.endedAt), status: item.status, hash }),
  writeQueries: ['ingest/ion-instances'],
};

function runRefs(item: RunInput): Ref[] {
  const refs: Ref[] = [{ field: 'pipelineNodeId', label: 'PipelineNode', id: item.pipelineNodeId }];
  if (item.instanceId) refs.push({ field: 'instanceId', label: 'IONInstance', id: item.instanceId });
  if (item.triggeredById) refs.push({ field: 'triggeredById', label: 'Principal', id: item.triggeredById });
  item.readDatasetVersionIds?.forEach((id, i) => refs.push({ field: `readDatasetVersionIds[${i}]`, label: 'DatasetVersion', id }));
  item.usedFeatureIds?.forEach((id, i) => refs.push({ field: `usedFeatureIds[${i}]`, label: 'Feature', id }));
  return refs;
}

export const runSpec: EntitySpec<RunInput> = {
  part: 'runs',
  label: 'Run',
  schema: runSchema,
  key: (item) => item.id,
  refs: runRefs,
  toRow: (item, hash) => ({
    id: item.id,
    pipelineNodeId: item.pipelineNodeId,
    instanceId: orNull(item.instanceId),
    kind: item.kind,
    startedAt: item.startedAt,
    endedAt: orNull(item.endedAt),
    status: item.status,
    params: jsonOrNull(item.params),
    codeVersion: orNull(item.codeVersion),
    engine: orNull(item.engine),
    engineVersion: orNull(item.engineVersion),
    host: orNull(item.host),
    environment: jsonOrNull(item.environment),
    triggeredById: orNull(item.triggeredById),
    searchGroupId: orNull(item.searchGroupId),
    purpose: orNull(item.purpose),
    datasetVersionIds: item.readDatasetVersionIds ?? [],
    featureIds: item.usedFeatureIds ?? [],
    tags: tagRows(item.tags),
    hash,
  }),
  writeQueries: ['ingest/runs'],
};

export const stageSpec: EntitySpec<StageInput> = {
  part: 'stages',
  label: 'Stage',
  schema: stageSchema,
  key: (item) => item.id,
  refs: (item) => [
    { field: 'runId', label: 'Run', id: item.runId },
    ...(item.feedsStageIds ?? []).map((id, i) => ({ field: `feedsStageIds[${i}]`, label: 'Stage' as const, id })),
  ],
  toRow: (item, hash) => ({
    id: item.id,
    runId: item.runId,
    name: item.name,
    type: item.type,
    stats: jsonOrNull(item.stats),
    feeds: item.feedsStageIds ?? [],
    hash,
  }),
  writeQueries: ['ingest/stages', 'ingest/stage-feeds'],
};

export const modelLoadSpec: EntitySpec<ModelLoadInput> = {
  part: 'modelLoads',
  label: null,
  schema: modelLoadSchema,
  // A load is identified by what it is: this run loaded this model at this instant.
  key: (item) => `${item.runId}|${item.modelVersionId}|${Date.parse(item.at)}`,
  refs: (item) => [
    { field: 'runId', label: 'Run', id: item.runId },
    { field: 'modelVersionId', label: 'ModelVersion', id: item.modelVersionId },
  ],
  toRow: (item) => ({ runId: item.runId, modelVersionId: item.modelVersionId, at: item.at }),
  writeQueries: ['ingest/model-loads'],
};

export const eventSpec: EntitySpec<EventInput> = {
  part: 'events',
  label: 'Event',
  schema: eventSchema,
  key: (item) => item.id,
  refs: (item) => [{ field: 'runId', label: 'Run', id: item.runId }],
  toRow: (item, hash) => ({
    id: item.id,
    runId: item.runId,
    type: item.type,
    at: item.at,
    message: item.message,
    details: jsonOrNull(item.details),
    hash,
  }),
  writeQueries: ['ingest/events'],
  outboxQueries: ['webhooks/outbox-events'],
};
