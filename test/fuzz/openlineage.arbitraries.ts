/**
 * Malformed OpenLineage RunEvents: an Airflow-like event (parent facet, input and output
 * datasets, odd but valid names) with exactly one defect, recorded with the JSON path the
 * rejection must name (under `$` or `$[i]`).
 */
import fc from 'fast-check';
import { AWKWARD_UNICODE, INJECTIONS, longString, nastyText, nested } from './strings';

export interface MalformedEvent {
  event: unknown;
  /** Path under the event's own prefix that a problem must start with ('' for the event itself). */
  path: string;
  defect: string;
}

const PRODUCER = 'https://github.com/apache/airflow/tree/providers-openlineage/2.3.0';
const facet = (name: string, body: Record<string, unknown>) => ({
  _producer: PRODUCER,
  _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json#/$defs/${name}`,
  ...body,
});

type Json = Record<string, unknown>;

/** A valid RunEvent; `names` are noise for the job and dataset names. */
export function baseEvent(runId: string, parentRunId: string, names: readonly string[]): Json {
  const [job = 'etl.daily', input = 'orders', output = 'features'] = names;
  return {
    eventType: 'COMPLETE',
    eventTime: '2026-03-04T10:00:00.000Z',
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId, facets: { parent: facet('ParentRunFacet', { run: { runId: parentRunId }, job: { namespace: 'fuzz-airflow', name: 'fuzz.dag' } }) } },
    job: { namespace: 'fuzz-airflow', name: job, facets: {} },
    inputs: [{ namespace: 'postgres://db:5432', name: input, facets: {} }],
    outputs: [{ namespace: 's3://bucket', name: output, facets: { version: facet('DatasetVersionDatasetFacet', { datasetVersion: 'v1' }) } }],
  };
}

interface Defect {
  path: string;
  defect: string;
  apply(event: Json): unknown;
}

/** Follows `a.b[0].c` inside an event, for setting or deleting the last key. */
function parentOf(event: Json, path: string): [Json, string] {
  const keys = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let node: Json = event;
  for (const key of keys.slice(0, -1)) node = node[key] as Json;
  return [node, keys.at(-1)!];
}
const setAt = (path: string, value: unknown, defect: string): Defect => ({
  path,
  defect,
  apply: (event) => {
    const [node, key] = parentOf(event, path);
    node[key] = value;
    return event;
  },
});
const deleteAt = (path: string): Defect => ({
  path,
  defect: `missing ${path}`,
  apply: (event) => {
    const [node, key] = parentOf(event, path);
    delete node[key];
    return event;
  },
});

const notUuid = fc.oneof(
  fc.constantFrom(
    '',
    'not-a-uuid',
    '1234',
    '00000000-0000-0000-0000-00000000000g',
    '{00000000-0000-0000-0000-000000000000}',
    ...INJECTIONS,
    ...AWKWARD_UNICODE,
  ),
  fc.uuid().map((uuid) => `${uuid}' OR 1=1 //`),
);
const badTime = fc.constantFrom(
  '',
  'yesterday',
  '2026-03-04',
  '2026-13-45T10:00:00Z',
  '2026-02-30T25:61:61Z',
  '2026-03-04T10:00:00.1234567890Z',
  '2026-03-04T10:00:00+19:00',
  '２０２６-０３-０４T10:00:00Z',
  "2026-03-04T10:00:00Z' OR 1=1 //",
);
const notUri = fc.constantFrom('', 'not a uri', 'ht tp://x', '://missing-scheme', '\u0000', 'a\u202Eb');
const notObject = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant([{ run: {} }]));

const DEFECTS: fc.Arbitrary<Defect> = fc.oneof(
  fc
    .constantFrom(
      'eventTime',
      'producer',
      'schemaURL',
      'run.runId',
      'job.namespace',
      'job.name',
      'inputs[0].namespace',
      'inputs[0].name',
      'outputs[0].name',
      'run.facets.parent.job',
      'run.facets.parent._producer',
    )
    .map(deleteAt),
  fc
    .tuple(
      fc.constantFrom('eventTime', 'producer', 'schemaURL', 'eventType', 'run.runId', 'job.name', 'job.namespace', 'inputs[0].name'),
      fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([])),
    )
    .map(([path, value]) => setAt(path, value, `${path} = ${JSON.stringify(value)}`)),
  fc
    .tuple(fc.constantFrom('run', 'job', 'inputs[0]', 'outputs[0]'), fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)))
    .map(([path, value]) => setAt(path, value, `${path} = ${JSON.stringify(value)}`)),
  fc
    .tuple(fc.constantFrom('inputs', 'outputs', 'run.facets', 'job.facets'), fc.oneof(fc.constant('x'), fc.integer(), fc.constant([1])))
    .map(([path, value]) => setAt(path, value, `${path} = ${JSON.stringify(value)}`)),
  notUuid.map((value) => setAt('run.runId', value, `runId ${JSON.stringify(value)}`)),
  notUuid.map((value) => setAt('run.facets.parent.run.runId', value, `parent runId ${JSON.stringify(value)}`)),
  badTime.map((value) => setAt('eventTime', value, `eventTime ${JSON.stringify(value)}`)),
  fc.tuple(fc.constantFrom('producer', 'schemaURL'), notUri).map(([path, value]) => setAt(path, value, `${path} ${JSON.stringify(value)}`)),
  fc
    .oneof(fc.constantFrom('start', 'DONE', 'complete', 'COMPLETE ', ''), fc.constantFrom(...INJECTIONS))
    .map((value) => setAt('eventType', value, `eventType ${JSON.stringify(value)}`)),
  fc
    .tuple(fc.constantFrom('job.name', 'job.namespace', 'inputs[0].name', 'outputs[0].namespace'), fc.oneof(fc.constant(''), longString(1_001, 200_000)))
    .map(([path, value]) => setAt(path, value, `${path} of ${value.length}`)),
  fc.constant(setAt('run.facets.errorMessage', facet('ErrorMessageRunFacet', { programmingLanguage: 'python' }), 'errorMessage facet without message')),
  fc.constant(setAt('outputs[0].facets.version', facet('DatasetVersionDatasetFacet', { datasetVersion: 5 }), 'dataset version not a string')),
  fc
    .tuple(fc.integer({ min: 2, max: 100_000 }), fc.boolean())
    .map(([depth, arrays]) => setAt('run.facets.deep', nested(depth, arrays), `facet without _producer nested ${depth}`)),
  notObject.map((value) => ({ path: '', defect: `event ${JSON.stringify(value)}`, apply: () => value })),
  fc.constant<Defect>({ path: '', defect: 'neither run, dataset nor job', apply: (event) => (delete event.run, delete event.job, event) }),
);

/** One RunEvent with exactly one defect, and noise in its names. */
export const malformedEvent: fc.Arbitrary<MalformedEvent> = fc
  .tuple(fc.uuid({ version: 4 }), fc.uuid({ version: 4 }), fc.array(nastyText, { minLength: 3, maxLength: 3 }), DEFECTS)
  .map(([runId, parentRunId, names, defect]) => {
    const event = defect.apply(baseEvent(runId, parentRunId, names));
    const result: MalformedEvent = { event, path: defect.path, defect: defect.defect };
    return Object.defineProperty(result, fc.toStringMethod, { value: () => `${defect.path || '$'}: ${defect.defect.slice(0, 100)}`, enumerable: false });
  });
