import type { PredictionInput } from '@ion-lineage/contract';
import type { EntitySpec } from '../engine';
import { predictionSchema } from '@ion-lineage/contract/schemas';
import { jsonOrNull, orNull } from './to-row';

export const predictionSpec: EntitySpec<PredictionInput> = {
  part: 'predictions',
  label: 'Prediction',
  schema: predictionSchema,
  key: (item) => item.id,
  refs: (item) => [
    { field: 'runId', label: 'Run', id: item.runId },
    ...item.modelVersionIds.map((id, i) => ({ field: `modelVersionIds[${i}]`, label: 'ModelVersion' as const, id })),
  ],
  toRow: (item, hash) => ({
    id: item.id,
    runId: item.runId,
    requestId: item.requestId,
    subjectKey: item.subjectKey,
    at: item.at,
    inputs: jsonOrNull(item.inputs),
    output: item.output,
    score: orNull(item.score),
    // Sorted by contribution size so readers get the strongest reasons first.
    attributions: jsonOrNull(item.attributions?.slice().sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))),
    modelVersionIds: item.modelVersionIds,
    hash,
  }),
  // The counters join the same transaction and see only new rows: impact and compliance read them.
  writeQueries: ['ingest/predictions', 'ingest/prediction-counts'],
};
