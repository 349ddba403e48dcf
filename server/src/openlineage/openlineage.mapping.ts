import { createHash } from 'node:crypto';
import type { RunStatus } from '@ion-lineage/contract';
import { isDatasetEvent, isRunEvent, type OlDataset, type OlEvent, type OlFacet, type OlFacets, type OlRunEvent } from './openlineage.types';

/**
 * Pure mapping of OpenLineage events onto the lineage graph (DESIGN.md): a job is a pipeline
 * node, a run a Run, datasets dataset versions (models when the `datasetType` facet says MODEL),
 * the `parent` facet an ION (the parent job) with an instance (the parent run). A batch of events
 * is folded first, so each node gets one row, and the Cypher merges that row with what is stored
 * by the same rules: the order in which events arrive never changes the result.
 */

/** Ids of the nodes an OpenLineage event creates; namespaced so they never meet native ids. */
export const olIds = {
  job: (namespace: string, name: string) => `ol-job:${namespace}:${name}`,
  ion: (namespace: string, name: string) => `ol-ion:${namespace}:${name}`,
  instance: (runId: string) => `ol-instance:${runId}`,
  dataset: (namespace: string, name: string) => `ol-dataset:${namespace}:${name}`,
  model: (namespace: string, name: string) => `ol-model:${namespace}:${name}`,
  version: (parentId: string, version: string) => `${parentId}@${version}`,
};

export type JobRole = 'ETL' | 'TRAINING' | 'INFERENCE';

export interface JobRow {
  id: string;
  namespace: string;
  name: string;
  role: JobRole;
  engine: string | null;
  codeRepo: string | null;
  description: string | null;
}

export interface RunRow {
  id: string;
  jobId: string;
  kind: JobRole;
  /** Earliest START time; null when no START was seen (then `earliest` stands in). */
  startedAt: string | null;
  earliest: string;
  /** The latest terminal event (COMPLETE, FAIL or ABORT) decides the end. */
  endedAt: string | null;
  endStatus: RunStatus | null;
  /** Facet-derived values: those of the latest event that carries them win. */
  latestAt: string;
  params: string | null;
  codeVersion: string | null;
  codeUrl: string | null;
  engine: string | null;
  engineVersion: string | null;
  nominalStartTime: string | null;
  producer: string | null;
}

export interface ParentRow {
  ionId: string;
  ionName: string;
  instanceId: string;
  parentRunId: string;
  parentJobId: string;
  childRunId: string;
  childJobId: string;
}

export interface DatasetRow {
  datasetId: string;
  name: string;
  uri: string;
  schema: string | null;
  versionId: string;
  version: string;
  rowCount: number | null;
  at: string;
  runId: string | null;
  link: 'READ' | 'PRODUCED' | null;
  isModel: boolean;
  /** An input without a `version` facet: the run read the dataset's latest version, if any is known. */
  latest: boolean;
}

export interface ErrorRow {
  id: string;
  runId: string;
  at: string;
  message: string;
  details: string;
}

/** Everything one delivery writes, each node once. */
export interface GraphRows {
  jobs: JobRow[];
  runs: RunRow[];
  parents: ParentRow[];
  datasets: DatasetRow[];
  errors: ErrorRow[];
}

const TERMINAL: Partial<Record<string, RunStatus>> = { COMPLETE: 'COMPLETED', FAIL: 'FAILED', ABORT: 'ABORTED' };

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A facet, unless absent or marked deleted. */
function facet(facets: OlFacets | undefined, key: string): OlFacet | undefined {
  const value = facets?.[key];
  return value && value._deleted !== true ? value : undefined;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function isModel(dataset: OlDataset): boolean {
  return String(facet(dataset.facets, 'datasetType')?.datasetType ?? '').toUpperCase() === 'MODEL';
}

function roleOf(event: { inputs?: OlDataset[]; outputs?: OlDataset[] }): JobRole {
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

function jobRow(namespace: string, name: string, event: { inputs?: OlDataset[]; outputs?: OlDataset[]; job?: { facets?: OlFacets } }, runFacets?: OlFacets): JobRow {
  const facets = event.job?.facets;
  const engine = str(facet(runFacets, 'processing_engine')?.name) ?? str(facet(facets, 'jobType')?.integration);
  return {
    id: olIds.job(namespace, name),
    namespace,
    name,
    role: roleOf(event),
    engine,
    codeRepo: codeVersionOf(facets).repo,
    description: str(facet(facets, 'documentation')?.description),
  };
}

/** The version a dataset appears in: its `version` facet, else a digest of where it was seen. */
function datasetVersionOf(dataset: OlDataset, scope: string): string {
  return str(facet(dataset.facets, 'version')?.datasetVersion) ?? sha256(`${scope}|${dataset.namespace}|${dataset.name}`).slice(0, 16);
}

function datasetRow(dataset: OlDataset, at: string, runId: string | null, link: DatasetRow['link'], scope: string): DatasetRow {
  const model = isModel(dataset);
  const datasetId = model ? olIds.model(dataset.namespace, dataset.name) : olIds.dataset(dataset.namespace, dataset.name);
  const version = datasetVersionOf(dataset, scope);
  const fields = facet(dataset.facets, 'schema')?.fields;
  const stats = facet(dataset.outputFacets, 'outputStatistics') ?? facet(dataset.inputFacets, 'inputStatistics');
  return {
    datasetId,
    name: dataset.name,
    uri: dataset.namespace.endsWith('/') ? `${dataset.namespace}${dataset.name}` : `${dataset.namespace}/${dataset.name}`,
    schema: Array.isArray(fields) ? JSON.stringify({ fields }) : null,
    versionId: olIds.version(datasetId, version),
    version,
    rowCount: typeof stats?.rowCount === 'number' ? stats.rowCount : null,
    at,
    runId,
    link,
    isModel: model,
    latest: link === 'READ' && !facet(dataset.facets, 'version'),
  };
}

function runRow(event: OlRunEvent, jobId: string): RunRow {
  const facets = event.run.facets;
  const engine = facet(facets, 'processing_engine');
  const params = paramsOf(facets);
  const code = codeVersionOf(event.job.facets);
  const status = event.eventType ? TERMINAL[event.eventType] : undefined;
  return {
    id: event.run.runId,
    jobId,
    kind: roleOf(event),
    startedAt: event.eventType === 'START' ? event.eventTime : null,
    earliest: event.eventTime,
    endedAt: status ? event.eventTime : null,
    endStatus: status ?? null,
    latestAt: event.eventTime,
    params: params ? JSON.stringify(params) : null,
    codeVersion: code.version,
    codeUrl: code.url,
    engine: str(engine?.name) ?? str(facet(event.job.facets, 'jobType')?.integration),
    engineVersion: str(engine?.version),
    nominalStartTime: str(facet(facets, 'nominalTime')?.nominalStartTime),
    producer: str(event.producer),
  };
}

const ms = (time: string) => Date.parse(time);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : ms(b) < ms(a) ? b : a);

/** Two rows about one run become one, whatever their order. */
export function foldRun(a: RunRow, b: RunRow): RunRow {
  const newer = ms(b.latestAt) >= ms(a.latestAt) ? b : a;
  const older = newer === b ? a : b;
  const laterEnd = a.endedAt === null ? b : b.endedAt === null ? a : ms(b.endedAt) >= ms(a.endedAt) ? b : a;
  const pick = <K extends keyof RunRow>(key: K) => newer[key] ?? older[key];
  return {
    id: a.id,
    jobId: newer.jobId,
    kind: a.kind !== 'ETL' ? a.kind : b.kind,
    startedAt: earlier(a.startedAt, b.startedAt),
    earliest: earlier(a.earliest, b.earliest)!,
    endedAt: laterEnd.endedAt,
    endStatus: laterEnd.endStatus,
    latestAt: newer.latestAt,
    params: pick('params'),
    codeVersion: pick('codeVersion'),
    codeUrl: pick('codeUrl'),
    engine: pick('engine'),
    engineVersion: pick('engineVersion'),
    nominalStartTime: pick('nominalStartTime'),
    producer: pick('producer'),
  };
}

function foldJob(a: JobRow, b: JobRow): JobRow {
  return {
    ...a,
    role: a.role !== 'ETL' ? a.role : b.role,
    engine: a.engine ?? b.engine,
    codeRepo: b.codeRepo ?? a.codeRepo,
    description: b.description ?? a.description,
  };
}

function foldDataset(a: DatasetRow, b: DatasetRow): DatasetRow {
  return { ...a, schema: b.schema ?? a.schema, rowCount: b.rowCount ?? a.rowCount, at: earlier(a.at, b.at)! };
}

function put<T>(map: Map<string, T>, key: string, row: T, fold: (a: T, b: T) => T): void {
  const seen = map.get(key);
  map.set(key, seen === undefined ? row : fold(seen, row));
}

/**
 * Maps validated events (each with its content hash, used to version what a run-less event
 * names) to the rows of one delivery.
 */
export function mapEvents(events: ReadonlyArray<{ event: OlEvent; hash: string }>): GraphRows {
  const jobs = new Map<string, JobRow>();
  const runs = new Map<string, RunRow>();
  const parents = new Map<string, ParentRow>();
  const datasets = new Map<string, DatasetRow>();
  const errors = new Map<string, ErrorRow>();

  for (const { event, hash } of events) {
    if (isDatasetEvent(event)) {
      const row = datasetRow(event.dataset, event.eventTime, null, null, hash);
      put(datasets, `${row.versionId}|`, row, foldDataset);
      continue;
    }
    const job = jobRow(event.job.namespace, event.job.name, event, isRunEvent(event) ? event.run.facets : undefined);
    put(jobs, job.id, job, foldJob);
    const runId = isRunEvent(event) ? event.run.runId : null;
    const scope = runId ?? hash;
    for (const [side, link] of [['inputs', 'READ'], ['outputs', 'PRODUCED']] as const) {
      for (const dataset of event[side] ?? []) {
        const row = datasetRow(dataset, event.eventTime, runId, runId ? link : null, `${scope}|${side}`);
        put(datasets, `${row.versionId}|${row.runId ?? ''}|${row.link ?? ''}`, row, foldDataset);
      }
    }
    if (!isRunEvent(event)) continue;

    put(runs, event.run.runId, runRow(event, job.id), foldRun);
    const parent = facet(event.run.facets, 'parent') as (OlFacet & { run: { runId: string }; job: { namespace: string; name: string } }) | undefined;
    if (parent && parent.run.runId !== event.run.runId) {
      const parentJob = jobRow(parent.job.namespace, parent.job.name, {});
      put(jobs, parentJob.id, parentJob, foldJob);
      // The parent run is known from its child until its own events arrive.
      const placeholder: RunRow = {
        ...runRow({ ...event, eventType: 'OTHER', run: { runId: parent.run.runId }, job: { namespace: parent.job.namespace, name: parent.job.name }, inputs: [], outputs: [] }, parentJob.id),
        params: null, codeVersion: null, codeUrl: null, engine: null, engineVersion: null, nominalStartTime: null, producer: null,
        latestAt: new Date(0).toISOString(),
      };
      put(runs, parent.run.runId, placeholder, foldRun);
      parents.set(`${event.run.runId}|${parent.run.runId}`, {
        ionId: olIds.ion(parent.job.namespace, parent.job.name),
        ionName: parent.job.name,
        instanceId: olIds.instance(parent.run.runId),
        parentRunId: parent.run.runId,
        parentJobId: parentJob.id,
        childRunId: event.run.runId,
        childJobId: job.id,
      });
    }
    const error = facet(event.run.facets, 'errorMessage');
    if (error) {
      const message = String(error.message);
      errors.set(`${event.run.runId}|${message}`, {
        id: `ol-error:${event.run.runId}:${sha256(message).slice(0, 16)}`,
        runId: event.run.runId,
        at: event.eventTime,
        message,
        details: JSON.stringify({ programmingLanguage: error.programmingLanguage ?? null, stackTrace: error.stackTrace ?? null, producer: error._producer }),
      });
    }
  }
  return { jobs: [...jobs.values()], runs: [...runs.values()], parents: [...parents.values()], datasets: [...datasets.values()], errors: [...errors.values()] };
}
