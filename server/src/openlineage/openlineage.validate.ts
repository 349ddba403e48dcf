import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '../errors';
import { neo4jDateTimeProblem } from '@ion-lineage/contract/schemas';
import coreSchema from './spec/OpenLineage.json';
import columnLineage from './spec/facets/ColumnLineageDatasetFacet.json';
import dataQualityAssertions from './spec/facets/DataQualityAssertionsDatasetFacet.json';
import dataQualityMetrics from './spec/facets/DataQualityMetricsInputDatasetFacet.json';
import datasetOwnership from './spec/facets/OwnershipDatasetFacet.json';
import datasetTags from './spec/facets/TagsDatasetFacet.json';
import jobOwnership from './spec/facets/OwnershipJobFacet.json';
import jobTags from './spec/facets/TagsJobFacet.json';
import runTags from './spec/facets/TagsRunFacet.json';
import datasetType from './spec/facets/DatasetTypeDatasetFacet.json';
import datasetVersion from './spec/facets/DatasetVersionDatasetFacet.json';
import documentation from './spec/facets/DocumentationJobFacet.json';
import errorMessage from './spec/facets/ErrorMessageRunFacet.json';
import executionParameters from './spec/facets/ExecutionParametersRunFacet.json';
import inputStatistics from './spec/facets/InputStatisticsInputDatasetFacet.json';
import jobType from './spec/facets/JobTypeJobFacet.json';
import nominalTime from './spec/facets/NominalTimeRunFacet.json';
import outputStatistics from './spec/facets/OutputStatisticsOutputDatasetFacet.json';
import parent from './spec/facets/ParentRunFacet.json';
import processingEngine from './spec/facets/ProcessingEngineRunFacet.json';
import schemaFacet from './spec/facets/SchemaDatasetFacet.json';
import sourceCode from './spec/facets/SourceCodeJobFacet.json';
import sourceCodeLocation from './spec/facets/SourceCodeLocationJobFacet.json';
import type { OlEvent, OlEventKind } from './openlineage.types';

/** Longest namespace or name accepted: ids built from them must fit Neo4j's index key size. */
export const MAX_NAME_LENGTH = 1_000;

/**
 * Deepest nesting accepted in one event. Custom facets are open objects the schema cannot
 * bound, and the content hash recurses; Spark's logical-plan facets stay far below this.
 */
export const MAX_EVENT_DEPTH = 512;

/**
 * Where `value` nests deeper than `max` levels: the JSON path of the member (at most three
 * levels below the root, e.g. `.run.facets.deep`) holding the too-deep part, or null when it
 * does not. Iterative, so any depth is safe to check.
 */
export function tooDeepMember(value: unknown, max: number): string | null {
  const stack: Array<[unknown, number, string]> = [[value, 0, '']];
  while (stack.length > 0) {
    const [current, depth, path] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return path;
    for (const [key, child] of Object.entries(current)) {
      stack.push([child, depth + 1, depth < 3 ? `${path}${jsonPath(`/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`)}` : path]);
    }
  }
  return null;
}

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
addFormats(ajv);
const facetSchemas = [
  datasetType,
  datasetVersion,
  documentation,
  errorMessage,
  executionParameters,
  inputStatistics,
  jobType,
  nominalTime,
  outputStatistics,
  parent,
  processingEngine,
  schemaFacet,
  sourceCode,
  sourceCodeLocation,
  columnLineage,
  dataQualityAssertions,
  dataQualityMetrics,
  datasetOwnership,
  datasetTags,
  jobOwnership,
  jobTags,
  runTags,
];
ajv.addSchema(coreSchema);
for (const schema of facetSchemas) ajv.addSchema(schema);

const CORE = coreSchema.$id;
const eventValidators: Record<OlEventKind, ValidateFunction> = {
  RunEvent: ajv.getSchema(`${CORE}#/$defs/RunEvent`)!,
  DatasetEvent: ajv.getSchema(`${CORE}#/$defs/DatasetEvent`)!,
  JobEvent: ajv.getSchema(`${CORE}#/$defs/JobEvent`)!,
};

/** The schema of the facet stored under `key` (the facet's name in the `facets` map). */
function facetValidator(schema: { $id: string; properties: Record<string, { $ref: string }> }): [string, ValidateFunction] {
  const [key, ref] = Object.entries(schema.properties)[0]!;
  return [key, ajv.getSchema(`${schema.$id}${ref.$ref}`)!];
}

/** Standard facets by where they appear, checked against their own schema when present. */
const FACETS = {
  run: new Map([parent, errorMessage, processingEngine, nominalTime, executionParameters, runTags].map(facetValidator)),
  job: new Map([sourceCodeLocation, sourceCode, jobType, documentation, jobOwnership, jobTags].map(facetValidator)),
  dataset: new Map([datasetVersion, datasetType, schemaFacet, columnLineage, datasetOwnership, datasetTags].map(facetValidator)),
  input: new Map([inputStatistics, dataQualityMetrics, dataQualityAssertions].map(facetValidator)),
  output: new Map([outputStatistics].map(facetValidator)),
};

/** `/inputs/0/facets/spark.logicalPlan` → `.inputs[0].facets['spark.logicalPlan']`. */
export function jsonPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((key) => (/^\d+$/.test(key) ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `['${key.replace(/'/g, "\\'")}']`))
    .join('');
}

function describe(prefix: string, error: ErrorObject): FieldProblem {
  const path = `${prefix}${jsonPath(error.instancePath)}`;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') return { path: `${path}.${String(error.params.missingProperty)}`, message: 'is required' };
  if (error.keyword === 'enum') message += ` (${(error.params.allowedValues as string[]).join(', ')})`;
  if (error.keyword === 'not') message = 'must not hold both a run and a dataset (send a RunEvent, a DatasetEvent or a JobEvent)';
  return { path, message };
}

/** Which of the three event kinds an object is meant to be, decided by the member that only it has. */
export function eventKind(value: Record<string, unknown>): OlEventKind | null {
  if ('run' in value) return 'RunEvent';
  if ('dataset' in value) return 'DatasetEvent';
  if ('job' in value) return 'JobEvent';
  return null;
}

function checkFacets(facets: unknown, known: Map<string, ValidateFunction>, at: string, problems: FieldProblem[]): void {
  if (!facets || typeof facets !== 'object') return;
  for (const [key, value] of Object.entries(facets as Record<string, unknown>)) {
    const validate = known.get(key);
    if (!validate || (value as { _deleted?: unknown })?._deleted === true) continue;
    if (!validate(value)) problems.push(...(validate.errors ?? []).map((e) => describe(`${at}${jsonPath(`/${key}`)}`, e)));
  }
}

function checkNames(where: string, value: { namespace?: unknown; name?: unknown } | undefined, problems: FieldProblem[]): void {
  for (const field of ['namespace', 'name'] as const) {
    const text = value?.[field];
    if (typeof text === 'string' && text.length === 0) problems.push({ path: `${where}.${field}`, message: 'must not be empty' });
    if (typeof text === 'string' && text.length > MAX_NAME_LENGTH)
      problems.push({ path: `${where}.${field}`, message: `must be at most ${MAX_NAME_LENGTH} characters` });
  }
}

/**
 * Checks one event against the OpenLineage 2-0-2 schema and the standard facets it carries.
 * Problems name the offending member as a JSON path under `prefix` (`$` or `$[3]` in a batch).
 */
export function validateEvent(value: unknown, prefix = '$'): { event: OlEvent; kind: OlEventKind } | { problems: FieldProblem[] } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { problems: [{ path: prefix, message: 'must be a JSON object (an OpenLineage RunEvent, DatasetEvent or JobEvent)' }] };
  }
  const tooDeep = tooDeepMember(value, MAX_EVENT_DEPTH);
  if (tooDeep !== null) return { problems: [{ path: `${prefix}${tooDeep}`, message: `nests deeper than ${MAX_EVENT_DEPTH} levels` }] };
  const record = value as Record<string, unknown>;
  const kind = eventKind(record);
  if (!kind) return { problems: [{ path: prefix, message: "must be a RunEvent ('run' and 'job'), a DatasetEvent ('dataset') or a JobEvent ('job')" }] };
  const validate = eventValidators[kind];
  if (!validate(value)) return { problems: dedupe((validate.errors ?? []).map((e) => describe(prefix, e))) };

  const problems: FieldProblem[] = [];
  const event = value as Record<string, never>;
  const eventTime = neo4jDateTimeProblem(record.eventTime as string);
  if (eventTime) problems.push({ path: `${prefix}.eventTime`, message: eventTime });
  const run = event.run as { facets?: unknown } | undefined;
  const job = event.job as { facets?: unknown; namespace?: unknown; name?: unknown } | undefined;
  checkFacets(run?.facets, FACETS.run, `${prefix}.run.facets`, problems);
  checkFacets(job?.facets, FACETS.job, `${prefix}.job.facets`, problems);
  if (job) checkNames(`${prefix}.job`, job, problems);
  const datasets: Array<[string, Record<string, unknown>]> = [];
  if (kind === 'DatasetEvent') datasets.push([`${prefix}.dataset`, event.dataset]);
  for (const side of ['inputs', 'outputs'] as const) {
    ((event[side] as Record<string, unknown>[] | undefined) ?? []).forEach((d, i) => datasets.push([`${prefix}.${side}[${i}]`, d]));
  }
  for (const [at, dataset] of datasets) {
    checkNames(at, dataset, problems);
    checkFacets(dataset.facets, FACETS.dataset, `${at}.facets`, problems);
    checkFacets(dataset.inputFacets, FACETS.input, `${at}.inputFacets`, problems);
    checkFacets(dataset.outputFacets, FACETS.output, `${at}.outputFacets`, problems);
  }
  const nominal = (run?.facets as Record<string, { nominalStartTime?: string; nominalEndTime?: string }> | undefined)?.nominalTime;
  for (const field of ['nominalStartTime', 'nominalEndTime'] as const) {
    const time = nominal?.[field];
    const problem = time ? neo4jDateTimeProblem(time) : undefined;
    if (problem) problems.push({ path: `${prefix}.run.facets.nominalTime.${field}`, message: problem });
  }
  if (problems.length) return { problems };
  return { event: value as OlEvent, kind };
}

/** allOf branches can report one fault twice; keep each path and message once. */
function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(`${p.path}|${p.message}`) && seen.add(`${p.path}|${p.message}`));
}
