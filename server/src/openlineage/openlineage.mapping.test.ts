import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeVersionOf, paramsOf } from './openlineage.facets';
import { foldRun } from './openlineage.fold';
import { mapEvents } from './openlineage.mapping';
import type { OlEvent, OlRunEvent } from './openlineage.types';

const facet = (body: Record<string, unknown>) => ({ _producer: 'https://example.org/p', _schemaURL: 'https://example.org/s', ...body });
const RUN = '0195a3c4-7f00-7a2b-9c3d-0123456789ab';
const PARENT = '0195a3c4-7f00-7a2b-9c3d-0123456789ac';

function event(eventType: OlRunEvent['eventType'], minute: number, extra: Partial<OlRunEvent> = {}): OlRunEvent {
  return {
    eventType,
    eventTime: `2026-03-04T10:${String(minute).padStart(2, '0')}:00Z`,
    producer: 'https://example.org/p',
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: RUN, facets: {} },
    job: { namespace: 'airflow', name: 'dag.train', facets: {} },
    ...extra,
  };
}
const mapped = (events: OlEvent[]) => mapEvents(events.map((e, i) => ({ event: e, hash: `h${i}` })));

describe('mapEvents', () => {
  it("folds a run's events: START gives the start, the latest terminal event the end and status", () => {
    const [run] = mapped([event('COMPLETE', 20), event('START', 5), event('RUNNING', 10)]).runs;
    expect(run).toMatchObject({
      id: RUN,
      startedAt: '2026-03-04T10:05:00Z',
      earliest: '2026-03-04T10:05:00Z',
      endedAt: '2026-03-04T10:20:00Z',
      endStatus: 'COMPLETED',
    });
  });

  it('gives the same run row whatever the order of its events', () => {
    const events = [
      event('START', 1, { run: { runId: RUN, facets: { processing_engine: facet({ version: '3.5', name: 'spark' }) } } }),
      event('RUNNING', 2),
      event('FAIL', 3, { run: { runId: RUN, facets: { executionParameters: facet({ parameters: [{ key: 'k', value: 'v' }] }) } } }),
      event('OTHER', 4),
    ];
    const rows = events.map((e) => mapped([e]).runs[0]!);
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), (order) => {
        expect(order.reduce(foldRun)).toEqual(rows.reduce(foldRun));
      }),
    );
    expect(rows.reduce(foldRun)).toMatchObject({ endStatus: 'FAILED', engine: 'spark', params: '{"k":"v"}' });
  });

  it('the parent facet gives an ION, an instance and a placeholder parent run that real events outrank', () => {
    const child = event('START', 5, { run: { runId: RUN, facets: { parent: facet({ run: { runId: PARENT }, job: { namespace: 'airflow', name: 'dag' } }) } } });
    const rows = mapped([child, event('START', 0, { run: { runId: PARENT }, job: { namespace: 'airflow', name: 'dag' } })]);
    expect(rows.parents).toEqual([
      {
        ionId: 'ol-ion:airflow:dag',
        ionName: 'dag',
        instanceId: `ol-instance:${PARENT}`,
        parentRunId: PARENT,
        parentJobId: 'ol-job:airflow:dag',
        childRunId: RUN,
        childJobId: 'ol-job:airflow:dag.train',
      },
    ]);
    expect(rows.runs.find((r) => r.id === PARENT)).toMatchObject({ startedAt: '2026-03-04T10:00:00Z', jobId: 'ol-job:airflow:dag' });
    expect(rows.jobs.map((j) => j.id).sort()).toEqual(['ol-job:airflow:dag', 'ol-job:airflow:dag.train']);
  });

  it('datasets: the version facet names the version; MODEL outputs are models and make the job TRAINING', () => {
    const rows = mapped([
      event('COMPLETE', 9, {
        inputs: [{ namespace: 's3://lake', name: 'features' }],
        outputs: [
          { namespace: 's3://models', name: 'churn', facets: { datasetType: facet({ datasetType: 'MODEL' }), version: facet({ datasetVersion: 'v3' }) } },
          { namespace: 's3://lake', name: 'report', outputFacets: { outputStatistics: facet({ rowCount: 7 }) } },
        ],
      }),
    ]);
    expect(rows.jobs[0]!.role).toBe('TRAINING');
    expect(rows.runs[0]!.kind).toBe('TRAINING');
    const model = rows.datasets.find((d) => d.isModel)!;
    expect(model).toMatchObject({ datasetId: 'ol-model:s3://models:churn', versionId: 'ol-model:s3://models:churn@v3', link: 'PRODUCED' });
    const report = rows.datasets.find((d) => d.name === 'report')!;
    expect(report).toMatchObject({ rowCount: 7, link: 'PRODUCED', latest: false, uri: 's3://lake/report' });
    expect(report.version).toMatch(/^[0-9a-f]{16}$/);
    expect(rows.datasets.find((d) => d.name === 'features')).toMatchObject({ link: 'READ', latest: true });
  });

  it('errorMessage becomes one ERROR row per run and message', () => {
    const failing = event('FAIL', 3, {
      run: { runId: RUN, facets: { errorMessage: facet({ message: 'boom', programmingLanguage: 'PYTHON', stackTrace: 'tb' }) } },
    });
    const rows = mapped([failing, { ...failing, eventType: 'OTHER' }]);
    expect(rows.errors).toHaveLength(1);
    expect(rows.errors[0]).toMatchObject({ runId: RUN, message: 'boom', at: '2026-03-04T10:03:00Z' });
    expect(JSON.parse(rows.errors[0]!.details)).toMatchObject({ programmingLanguage: 'PYTHON', stackTrace: 'tb' });
  });
});

describe('facet readers', () => {
  it('executionParameters as key/value, custom shapes kept as they are', () => {
    expect(paramsOf({ executionParameters: facet({ parameters: [{ key: 'a', value: '1' }, { key: 'b' }] }) })).toEqual({ a: '1', b: null });
    expect(paramsOf({ executionParameters: facet({ lr: 0.1 }) })).toEqual({ lr: 0.1 });
    expect(paramsOf({ executionParameters: { ...facet({ parameters: [] }), _deleted: true } })).toBeNull();
  });

  it('code version: the revision, else tag or branch, else a digest of inline source', () => {
    expect(codeVersionOf({ sourceCodeLocation: facet({ type: 'git', url: 'https://g/x', version: 'abc', branch: 'main' }) })).toEqual({
      version: 'abc',
      url: 'https://g/x',
      repo: 'https://g/x',
    });
    expect(codeVersionOf({ sourceCodeLocation: facet({ type: 'git', url: 'https://g/x', repoUrl: 'git@g:x.git', branch: 'main' }) }).version).toBe('main');
    expect(codeVersionOf({ sourceCode: facet({ language: 'python', sourceCode: 'print(1)' }) }).version).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(codeVersionOf(undefined)).toEqual({ version: null, url: null, repo: null });
  });
});
