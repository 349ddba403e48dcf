/**
 * The ingestion API as a client sees it: the names of its mutations, the operations that call
 * them, what an error response may look like, and a read-out of the graph an ingest left behind.
 */
import type { Driver } from 'neo4j-driver';
import { expect } from 'vitest';
import { ErrorCode } from '../../server/src/errors';
import type { IngestBundle } from '@ion-lineage/contract';
import type { GqlResponse, TestServer } from './server';

type Part = keyof IngestBundle;

/** The public mutation names and input types of each part (spelled out: this is the API under test). */
export const PART_API: Record<Part, { single: string; plural: string; input: string }> = {
  principals: { single: 'ingestPrincipal', plural: 'ingestPrincipals', input: 'PrincipalInput' },
  ions: { single: 'ingestIon', plural: 'ingestIons', input: 'IonInput' },
  ionInstances: { single: 'ingestIonInstance', plural: 'ingestIonInstances', input: 'IonInstanceInput' },
  datasets: { single: 'ingestDataset', plural: 'ingestDatasets', input: 'DatasetInput' },
  datasetVersions: { single: 'ingestDatasetVersion', plural: 'ingestDatasetVersions', input: 'DatasetVersionInput' },
  features: { single: 'ingestFeature', plural: 'ingestFeatures', input: 'FeatureInput' },
  models: { single: 'ingestModel', plural: 'ingestModels', input: 'ModelInput' },
  runs: { single: 'ingestRun', plural: 'ingestRuns', input: 'RunInput' },
  stages: { single: 'ingestStage', plural: 'ingestStages', input: 'StageInput' },
  modelVersions: { single: 'ingestModelVersion', plural: 'ingestModelVersions', input: 'ModelVersionInput' },
  approvals: { single: 'ingestApproval', plural: 'ingestApprovals', input: 'ApprovalInput' },
  deployments: { single: 'ingestDeployment', plural: 'ingestDeployments', input: 'DeploymentInput' },
  modelLoads: { single: 'ingestModelLoad', plural: 'ingestModelLoads', input: 'ModelLoadInput' },
  predictions: { single: 'ingestPrediction', plural: 'ingestPredictions', input: 'PredictionInput' },
  events: { single: 'ingestEvent', plural: 'ingestEvents', input: 'EventInput' },
};

export interface Counts {
  created: number;
  unchanged: number;
}

const PARTS_SELECTION = Object.keys(PART_API)
  .map((part) => `${part} { created unchanged }`)
  .join(' ');

/** `ingest(bundle)`, selecting every part's counts. */
export const INGEST_BUNDLE = `mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { ${PARTS_SELECTION} } }`;

/** `ingestXs(items)` for one part. */
export function batchMutation(part: Part): string {
  const { plural, input } = PART_API[part];
  return `mutation Batch($items: [${input}!]!) { result: ${plural}(items: $items) { created unchanged } }`;
}

/** `ingestX(item)` for one part. */
export function singleMutation(part: Part): string {
  const { single, input } = PART_API[part];
  return `mutation One($item: ${input}!) { result: ${single}(item: $item) { created unchanged } }`;
}

/** Sends one batch of a part; fails the test unless it succeeds. */
export async function ingestBatch(server: TestServer, part: Part, items: readonly unknown[]): Promise<Counts> {
  const res = await server.gql<{ result: Counts }>(batchMutation(part), { items });
  expectSuccess(res);
  return res.body.data!.result;
}

/** Sends a bundle; fails the test unless it succeeds. */
export async function ingestBundle(server: TestServer, bundle: unknown): Promise<Partial<Record<Part, Counts | null>>> {
  const res = await server.gql<{ ingest: Partial<Record<Part, Counts | null>> }>(INGEST_BUNDLE, { bundle });
  expectSuccess(res);
  return res.body.data!.ingest;
}

export function expectSuccess(res: GqlResponse<unknown>): void {
  expect(res.body.errors, JSON.stringify(res.body.errors)?.slice(0, 2000)).toBeUndefined();
  expect(res.status).toBe(200);
}

/** Codes a client may see: the service's own (never INTERNAL) and Apollo's request errors. */
export const CLIENT_ERROR_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Asserts a failed request: no data, every error with a known non-INTERNAL code, the first one
 * `code`; returns the first error's message and problem paths for further checks.
 */
export function expectFailure(res: GqlResponse<unknown>, code: string): { message: string; paths: string[] } {
  const errors = res.body.errors ?? [];
  expect(errors.length, `expected a ${code} error, got ${JSON.stringify(res.body).slice(0, 500)}`).toBeGreaterThan(0);
  for (const error of errors) expect(CLIENT_ERROR_CODES).toContain(error.extensions?.code);
  expect(errors[0]!.extensions?.code).toBe(code);
  expect(res.body.data ?? null).toBeNull();
  expect(res.status).toBeLessThan(500);
  return { message: errors[0]!.message, paths: (errors[0]!.extensions?.problems ?? []).map((p) => p.path) };
}

/**
 * Node counts per label of the lineage nodes whose id starts with `prefix`. The impact and
 * compliance counters (ids `<owner>|<hour>|<shard>`, the shard drawn at random) are derived
 * state, checked against the predictions by the maintained-state test, so they are left out.
 */
export async function labelCounts(driver: Driver, prefix: string): Promise<Record<string, number>> {
  const { records } = await driver.executeQuery(
    'MATCH (n) WHERE n.id STARTS WITH $prefix AND NOT n:UseCount AND NOT n:UnversionedCount UNWIND labels(n) AS label RETURN label, count(*) AS n',
    { prefix },
  );
  return Object.fromEntries(records.map((r) => [r.get('label') as string, Number(r.get('n'))]));
}

/** Number of nodes of one label whose id starts with `prefix`. */
export async function countNodes(driver: Driver, label: string, prefix: string): Promise<number> {
  // Labels cannot be parameters; `label` is a test constant, never input.
  const { records } = await driver.executeQuery(`MATCH (n:${label}) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n`, { prefix });
  return Number(records[0]!.get('n'));
}

/**
 * Every relationship between nodes with the prefix, as sorted lines such as
 * `p.run.train.1 -READ-> p.dsv.ehr.v1` or `p.mv.ens -HAS_MEMBER{weight=0.7}-> p.mv.gbm`.
 */
export async function relationshipLines(driver: Driver, prefix: string): Promise<string[]> {
  const { records } = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE a.id STARTS WITH $prefix AND b.id STARTS WITH $prefix
     RETURN a.id AS from, type(r) AS type, properties(r) AS props, b.id AS to`,
    { prefix },
  );
  return records
    .map((r) => {
      const props = Object.entries(r.get('props') as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => `${key}=${String(value)}`);
      return `${r.get('from')} -${r.get('type')}${props.length ? `{${props.join(',')}}` : ''}-> ${r.get('to')}`;
    })
    .sort();
}

/** The same value with the keys of every object in reverse order (content unchanged). */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reverseKeys(item)]),
  ) as T;
}
