import type { RunStatus } from '@ion-lineage/contract';
import { codeVersionOf, datasetVersionOf, facet, isModel, paramsOf, roleOf, sha256, str } from './openlineage.facets';
import { foldDataset, foldJob, foldRun, put } from './openlineage.fold';
import { type AnnotationRow, type ColumnRow, type QualityRow, columnsOf, ownersOf, qualityOf, tagsOf } from './openlineage.annotations';
import { olIds, type DatasetRow, type ErrorRow, type GraphRows, type JobRow, type ParentRow, type RunRow } from './openlineage.rows';
import { isDatasetEvent, isRunEvent, type OlDataset, type OlEvent, type OlFacet, type OlFacets, type OlRunEvent } from './openlineage.types';

/**
 * Pure mapping of OpenLineage events onto the lineage graph (DESIGN.md): a job is a pipeline
 * node, a run a Run, datasets dataset versions (models when the `datasetType` facet says MODEL),
 * the `parent` facet an ION (the parent job) with an instance (the parent run). A batch of events
 * is folded first, so each node gets one row, and the Cypher merges that row with what is stored
 * by the same rules: the order in which events arrive never changes the result. The rows are
 * declared in openlineage.rows.ts, facets read in openlineage.facets.ts, rows folded in
 * openlineage.fold.ts; this file builds the rows and walks a batch.
 */

const TERMINAL: Partial<Record<string, RunStatus>> = { COMPLETE: 'COMPLETED', FAIL: 'FAILED', ABORT: 'ABORTED' };

function jobRow(
  namespace: string,
  name: string,
  event: { inputs?: OlDataset[]; outputs?: OlDataset[]; job?: { facets?: OlFacets } },
  runFacets?: OlFacets,
): JobRow {
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

const byKey = <T>(rows: T[], key: (row: T) => string): T[] => rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

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
  const annotations: AnnotationRow[] = [];
  const qualities = new Map<string, QualityRow>();
  const columns = new Map<string, ColumnRow>();
  const annotate = (label: AnnotationRow['label'], nodeId: string, facets: OlFacets | undefined) => {
    const row = { label, nodeId, tags: tagsOf(facets), owners: label === 'Run' ? [] : ownersOf(facets) };
    if (row.tags.length || row.owners.length) annotations.push(row);
  };
  const datasetFacets = (dataset: OlDataset, row: DatasetRow, output: boolean) => {
    annotate(row.isModel ? 'Model' : 'Dataset', row.datasetId, dataset.facets);
    if (row.isModel) return;
    const quality = qualityOf(dataset);
    if (quality.metrics || quality.assertions) {
      qualities.set(`${row.versionId}|${row.runId ?? ''}`, {
        datasetId: row.datasetId,
        versionId: row.versionId,
        latest: row.latest,
        runId: row.runId,
        ...quality,
      });
    }
    if (output) for (const column of columnsOf(dataset, row.datasetId)) columns.set(`${column.id}|${column.fromId}`, column);
  };

  for (const { event, hash } of events) {
    if (isDatasetEvent(event)) {
      const row = datasetRow(event.dataset, event.eventTime, null, null, hash);
      put(datasets, `${row.versionId}|`, row, foldDataset);
      datasetFacets(event.dataset, row, true);
      continue;
    }
    const job = jobRow(event.job.namespace, event.job.name, event, isRunEvent(event) ? event.run.facets : undefined);
    put(jobs, job.id, job, foldJob);
    annotate('PipelineNode', job.id, event.job.facets);
    const runId = isRunEvent(event) ? event.run.runId : null;
    const scope = runId ?? hash;
    for (const [side, link] of [
      ['inputs', 'READ'],
      ['outputs', 'PRODUCED'],
    ] as const) {
      for (const dataset of event[side] ?? []) {
        const row = datasetRow(dataset, event.eventTime, runId, runId ? link : null, `${scope}|${side}`);
        put(datasets, `${row.versionId}|${row.runId ?? ''}|${row.link ?? ''}`, row, foldDataset);
        datasetFacets(dataset, row, side === 'outputs');
      }
    }
    if (!isRunEvent(event)) continue;

    put(runs, event.run.runId, runRow(event, job.id), foldRun);
    annotate('Run', event.run.runId, event.run.facets);
    const parent = facet(event.run.facets, 'parent') as (OlFacet & { run: { runId: string }; job: { namespace: string; name: string } }) | undefined;
    if (parent && parent.run.runId !== event.run.runId) {
      const parentJob = jobRow(parent.job.namespace, parent.job.name, {});
      put(jobs, parentJob.id, parentJob, foldJob);
      // The parent run is known from its child until its own events arrive.
      const placeholder: RunRow = {
        ...runRow(
          {
            ...event,
            eventType: 'OTHER',
            run: { runId: parent.run.runId },
            job: { namespace: parent.job.namespace, name: parent.job.name },
            inputs: [],
            outputs: [],
          },
          parentJob.id,
        ),
        params: null,
        codeVersion: null,
        codeUrl: null,
        engine: null,
        engineVersion: null,
        nominalStartTime: null,
        producer: null,
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
  // Sorted by the node each row locks, so concurrent transactions (other instances, a batch
  // beside a group) take shared nodes' locks in one order and do not deadlock on them. The sort
  // is stable: rows of one dataset keep their event order (the first reader may name its version).
  return {
    jobs: byKey([...jobs.values()], (row) => row.id),
    runs: byKey([...runs.values()], (row) => row.id),
    parents: byKey([...parents.values()], (row) => row.parentRunId),
    datasets: byKey([...datasets.values()], (row) => row.datasetId),
    errors: [...errors.values()],
    annotations,
    qualities: [...qualities.values()],
    columns: [...columns.values()],
  };
}
