import { describe, expect, it } from 'vitest';
import { eventKind, jsonPath, MAX_EVENT_DEPTH, tooDeepMember, validateEvent } from './openlineage.validate';

const facet = (name: string, body: Record<string, unknown>) => ({
  _producer: 'https://example.org/p',
  _schemaURL: `https://openlineage.io/spec/facets/1-0-0/${name}.json`,
  ...body,
});
const runEvent = () => ({
  eventType: 'START',
  eventTime: '2026-03-04T10:00:00.123456+00:00',
  producer: 'https://github.com/OpenLineage/OpenLineage/tree/1.30.0/client/python',
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId: '0195a3c4-7f00-7a2b-9c3d-0123456789ab', facets: {} as Record<string, unknown> },
  job: { namespace: 'airflow', name: 'dag.task', facets: {} as Record<string, unknown> },
  inputs: [{ namespace: 'postgres://db:5432', name: 'public.orders', facets: {} as Record<string, unknown> }],
  outputs: [] as unknown[],
});

describe('validateEvent', () => {
  it('accepts a RunEvent as the Python client sends it, with custom facets left alone', () => {
    const event = runEvent();
    event.run.facets['airflow'] = facet('AirflowRunFacet', { dag: { dag_id: 'dag' }, anything: [1, 2] });
    event.run.facets['parent'] = facet('ParentRunFacet', {
      run: { runId: '0195a3c4-7f00-7a2b-9c3d-0123456789ac' },
      job: { namespace: 'airflow', name: 'dag' },
    });
    expect(validateEvent(event)).toMatchObject({ kind: 'RunEvent' });
  });

  it('tells the three event kinds apart by the member only each has', () => {
    expect(eventKind({ run: {}, job: {} })).toBe('RunEvent');
    expect(eventKind({ dataset: {} })).toBe('DatasetEvent');
    expect(eventKind({ job: {} })).toBe('JobEvent');
    expect(eventKind({})).toBeNull();
    expect(validateEvent({ eventTime: 'x' })).toEqual({ problems: [{ path: '$', message: expect.stringContaining('RunEvent') }] });
    expect(validateEvent([1], '$[4]')).toEqual({ problems: [{ path: '$[4]', message: expect.stringContaining('JSON object') }] });
  });

  it('names each problem by its JSON path, core schema first', () => {
    const event = { ...runEvent(), eventType: 'DONE', producer: undefined } as Record<string, unknown>;
    delete event.producer;
    (event.run as { runId: string }).runId = '42';
    expect(validateEvent(event, '$[2]')).toEqual({
      problems: expect.arrayContaining([
        { path: '$[2].producer', message: 'is required' },
        { path: '$[2].eventType', message: expect.stringContaining('START, RUNNING, COMPLETE, ABORT, FAIL, OTHER') },
        { path: '$[2].run.runId', message: 'must match format "uuid"' },
      ]),
    });
  });

  it('checks the standard facets it maps against their own schemas', () => {
    const event = runEvent();
    event.run.facets['errorMessage'] = facet('ErrorMessageRunFacet', { message: 'boom' });
    event.job.facets['sourceCodeLocation'] = facet('SourceCodeLocationJobFacet', { type: 'git', url: 'not a uri' });
    event.inputs[0]!.facets['schema'] = facet('SchemaDatasetFacet', { fields: [{ type: 'INT' }] });
    const result = validateEvent(event);
    expect(result).toEqual({
      problems: [
        { path: '$.run.facets.errorMessage.programmingLanguage', message: 'is required' },
        { path: '$.job.facets.sourceCodeLocation.url', message: 'must match format "uri"' },
        { path: '$.inputs[0].facets.schema.fields[0].name', message: 'is required' },
      ],
    });
  });

  it('a facet marked _deleted is not checked against its schema', () => {
    const event = runEvent();
    event.inputs[0]!.facets['schema'] = { ...facet('SchemaDatasetFacet', {}), _deleted: true, fields: 'gone' };
    expect(validateEvent(event)).toMatchObject({ kind: 'RunEvent' });
  });

  it('refuses times Neo4j cannot store and empty or huge names', () => {
    const event = { ...runEvent(), eventTime: '2026-03-04T10:00:00.1234567891+00:00' };
    event.job.name = '';
    event.inputs[0]!.name = 'x'.repeat(1001);
    expect(validateEvent(event)).toEqual({
      problems: [
        { path: '$.eventTime', message: expect.stringContaining('9 fractional digits') },
        { path: '$.job.name', message: 'must not be empty' },
        { path: '$.inputs[0].name', message: 'must be at most 1000 characters' },
      ],
    });
  });
});

describe('jsonPath', () => {
  it('renders JSON pointers as paths, quoting keys that are not identifiers', () => {
    expect(jsonPath('')).toBe('');
    expect(jsonPath('/inputs/0/facets/spark.logicalPlan/a~1b')).toBe(".inputs[0].facets['spark.logicalPlan']['a/b']");
  });

  it('refuses an event nested past the limit, naming the member that holds the deep part', () => {
    const deep = (levels: number) => {
      let value: Record<string, unknown> = { leaf: true };
      for (let i = 0; i < levels; i++) value = { a: value };
      return value;
    };
    expect(tooDeepMember({ run: { facets: { 'my/facet': deep(10) } } }, 20)).toBeNull();
    expect(tooDeepMember({ run: { facets: { 'my/facet': deep(30) } } }, 20)).toBe(".run.facets['my/facet']");
    const event = runEvent();
    event.run.facets.deep = { _producer: 'https://example.org/p', _schemaURL: 'https://example.org/s', value: deep(100_000) };
    const result = validateEvent(event);
    expect('problems' in result && result.problems).toEqual([{ path: '$.run.facets.deep', message: `nests deeper than ${MAX_EVENT_DEPTH} levels` }]);
  });
});
