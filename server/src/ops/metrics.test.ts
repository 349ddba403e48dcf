import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { countedIngest } from './ingest-count';
import { OpsMetrics } from './metrics';
import { routeLabel } from './http-ops';
import { requestIdFrom } from './request-scope';

async function value(metrics: OpsMetrics, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const all = await metrics.registry.getMetricsAsJSON();
  const values = all.flatMap((metric) => metric.values.map((v) => ({ ...v, metricName: (v as { metricName?: string }).metricName ?? metric.name })));
  return values.find((v) => v.metricName === name && Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
}

describe('OpsMetrics', () => {
  it('keeps one registry per instance, so several apps can live in one process', async () => {
    const a = new OpsMetrics();
    const b = new OpsMetrics();
    a.countIngest('predictions', 'created', 3);
    expect(await value(a, 'ion_ingest_items_total', { part: 'predictions', outcome: 'created' })).toBe(3);
    expect(await value(b, 'ion_ingest_items_total', { part: 'predictions', outcome: 'created' })).toBeUndefined();
  });

  it('counts a Neo4j error once however many layers report it, and ignores other errors', async () => {
    const metrics = new OpsMetrics();
    const error = new Neo4jError('taken', 'Neo.ClientError.Schema.ConstraintValidationFailed', 'GQL', 'desc');
    metrics.observeQuery('ingest/predictions', 0.01, error);
    metrics.countNeo4jError(error);
    metrics.countNeo4jError(new Error('not from Neo4j'));
    expect(await value(metrics, 'ion_neo4j_errors_total', { code: 'Neo.ClientError.Schema.ConstraintValidationFailed' })).toBe(1);
    expect(await value(metrics, 'ion_cypher_query_duration_seconds_count', { query: 'ingest/predictions', outcome: 'error' })).toBe(1);
  });

  it('bounds client-chosen label values: odd ones and those past the cap become other', () => {
    const metrics = new OpsMetrics();
    expect(metrics.clientLabel('client', 'pipeline-a')).toBe('pipeline-a');
    expect(metrics.clientLabel('client', 'has space')).toBe('other');
    expect(metrics.clientLabel('client', 'x'.repeat(65))).toBe('other');
    for (let i = 0; i < 300; i++) metrics.clientLabel('client', `c${i}`);
    expect(metrics.clientLabel('client', 'c250')).toBe('other');
    expect(metrics.clientLabel('client', 'pipeline-a')).toBe('pipeline-a');
  });

  it('takes only non-negative integer spool depths', async () => {
    const metrics = new OpsMetrics();
    for (const bad of ['-1', '1.5', 'NaN', '', '1e400']) metrics.reportSpool('sdk', bad);
    expect(await value(metrics, 'ion_sdk_spool_depth', { client: 'sdk' })).toBeUndefined();
    metrics.reportSpool('sdk', '12');
    expect(await value(metrics, 'ion_sdk_spool_depth', { client: 'sdk' })).toBe(12);
  });
});

describe('countedIngest', () => {
  it('counts created and unchanged per part, or every item as rejected', async () => {
    const metrics = new OpsMetrics();
    const bundle = { predictions: [{}, {}, {}], events: [{}] };
    await countedIngest(metrics, bundle as never, async () => ({ predictions: { created: 2, unchanged: 1 }, events: { created: 1, unchanged: 0 } }));
    await expect(countedIngest(metrics, bundle as never, async () => Promise.reject(new Error('bad')))).rejects.toThrow('bad');
    expect(await value(metrics, 'ion_ingest_items_total', { part: 'predictions', outcome: 'created' })).toBe(2);
    expect(await value(metrics, 'ion_ingest_items_total', { part: 'predictions', outcome: 'unchanged' })).toBe(1);
    expect(await value(metrics, 'ion_ingest_items_total', { part: 'predictions', outcome: 'rejected' })).toBe(3);
    expect(await value(metrics, 'ion_ingest_items_total', { part: 'events', outcome: 'rejected' })).toBe(1);
  });
});

describe('labels and ids', () => {
  it('names routes from a fixed set', () => {
    expect(routeLabel('/graphql')).toBe('/graphql');
    expect(routeLabel('/api/v1/lineage/')).toBe('/api/v1/lineage');
    expect(routeLabel('/api/v1/lineage/batch')).toBe('/api/v1/lineage/batch');
    expect(routeLabel('/api/v9/whatever')).toBe('api');
    expect(routeLabel('/why/p-1')).toBe('static');
  });

  it('keeps a plain client request id and replaces anything else', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('x'.repeat(129))).not.toBe('x'.repeat(129));
    expect(requestIdFrom('a b')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
