/**
 * Every Cypher query the code runs, by name (= its path under `cypher/`, without `.cypher`).
 * The registry checks this list against the files at start-up, both ways.
 */
export const QUERY_NAMES = [
  'ingest/approvals',
  'ingest/dataset-versions',
  'ingest/datasets',
  'ingest/deployments',
  'ingest/events',
  'ingest/features',
  'ingest/ion-instances',
  'ingest/ions',
  'ingest/model-loads',
  'ingest/model-version-members',
  'ingest/model-versions',
  'ingest/models',
  'ingest/predictions',
  'ingest/principals',
  'ingest/runs',
  'ingest/stage-feeds',
  'ingest/stages',
  'lookup/approval',
  'lookup/dataset',
  'lookup/dataset-version',
  'lookup/deployment',
  'lookup/event',
  'lookup/feature',
  'lookup/ion',
  'lookup/ion-instance',
  'lookup/model',
  'lookup/model-version',
  'lookup/pipeline-node',
  'lookup/prediction',
  'lookup/principal',
  'lookup/run',
  'lookup/stage',
  'meta/count-nodes',
  'meta/record-schema-version',
  'meta/schema-version',
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];
