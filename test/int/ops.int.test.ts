/**
 * Operations against the real app and Neo4j: health and readiness probes (including Neo4j
 * down), /metrics in the Prometheus text format with the counts an ingest leaves behind, the
 * metrics token, and the request id on every log line a request causes.
 */
import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { signJwt } from '../../server/src/auth/jwt';
import { Role } from '../../server/src/auth/roles';
import { openGraph } from '../../server/src/graph';
import { chainBundle, chainIds, predictionBatch } from '../support/fixtures';
import { batchMutation, expectFailure, expectSuccess, ingestBundle } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';
import { testNeo4j } from '../support/neo4j-target';

let server: TestServer;
const prefix = 'ops';
const chain = chainIds(prefix);

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  await ingestBundle(server, chainBundle(prefix));
});
afterAll(async () => server?.close());

/** Reads one sample value from a Prometheus text exposition, e.g. `ion_x_total{a="b"}`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split(' ')[0]!;
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
}

async function metricsText(url = server.url, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** An app of our own on the test database (custom logger, metrics token, or a dead Neo4j). */
async function startApp(options: { uri?: string; metricsToken?: string; lines?: string[] }) {
  const target = testNeo4j();
  // Against a dead Neo4j the driver would retry each transaction for its default 30 s before
  // failing; one second proves the same GRAPH_UNAVAILABLE (NEO4J_RETRY_TIME_MS in production).
  const graph = openGraph({ ...target, uri: options.uri ?? target.uri }, undefined, options.uri ? { retryTimeMs: 1_000 } : {});
  const sink = new Writable({ write: (chunk, _enc, done) => (options.lines?.push(...String(chunk).trim().split('\n')), done()) });
  const logger = pino({ level: 'info', base: { service: 'ion-lineage-test' } }, sink);
  const jwt = { secret: randomBytes(32), issuer: 'ops-test' };
  const { app, apollo } = await createApp({
    services: graph.services,
    driver: graph.driver,
    logger,
    isReady: () => true,
    auth: { jwt },
    metricsToken: options.metricsToken,
  });
  const http: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const token = await signJwt({ sub: 'test:admin', roles: [Role.ADMIN] }, jwt);
  return {
    url,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await apollo.stop();
      await graph.close();
    },
  };
}

describe('probes', () => {
  it('/healthz answers while the process is up', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 when Neo4j is reachable and the schema applied', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', neo4j: 'up', schema: 'applied' });
  });

  it('/readyz answers 503 when Neo4j is down, and /healthz still 200', async () => {
    // A Bolt address where nothing listens: the driver's real connection attempt fails.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const app = await startApp({ uri: `bolt://127.0.0.1:${closed}` });
    try {
      const ready = await fetch(`${app.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', neo4j: 'down' });
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      // A query against the dead graph is GRAPH_UNAVAILABLE, and its Neo4j error code is counted.
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: app.headers,
        body: JSON.stringify({ query: batchMutation('models'), variables: { items: [{ id: 'ops.down.model', name: 'm' }] } }),
      });
      expect(res.status).toBeLessThan(500);
      const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(body.errors[0]!.extensions.code).toBe('GRAPH_UNAVAILABLE');
      const text = await metricsText(app.url);
      expect(sample(text, 'ion_neo4j_errors_total', { code: 'ServiceUnavailable' })).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'ion_ingest_items_total', { part: 'models', outcome: 'rejected' })).toBe(1);
    } finally {
      await app.close();
    }
  });
});

describe('/metrics', () => {
  it('counts ingested items by part and outcome, operations, queries, Neo4j errors and HTTP requests', async () => {
    const before = await metricsText();
    const created0 = sample(before, 'ion_ingest_items_total', { part: 'predictions', outcome: 'created' }) ?? 0;
    const items = predictionBatch(chain, 'metrics', 25);

    const first = await server.gql(batchMutation('predictions'), { items }, { as: Role.INGEST });
    expectSuccess(first);
    // A replay: stored items are unchanged (the optimistic write meets the uniqueness constraint first).
    expectSuccess(await server.gql(batchMutation('predictions'), { items: items.slice(0, 10) }, { as: Role.INGEST }));
    // A rejected batch: three items, one dangling reference.
    const bad = predictionBatch(chain, 'metrics-bad', 3).map((p, i) => (i === 1 ? { ...p, runId: `${prefix}.missing-run` } : p));
    expectFailure(await server.gql(batchMutation('predictions'), { items: bad }, { as: Role.INGEST }), 'BAD_USER_INPUT');

    const text = await metricsText();
    expect(sample(text, 'ion_ingest_items_total', { part: 'predictions', outcome: 'created' })).toBe(created0 + 25);
    expect(sample(text, 'ion_ingest_items_total', { part: 'predictions', outcome: 'unchanged' })).toBeGreaterThanOrEqual(10);
    expect(sample(text, 'ion_ingest_items_total', { part: 'predictions', outcome: 'rejected' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'ion_neo4j_errors_total', { code: 'Neo.ClientError.Schema.ConstraintValidationFailed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'ion_graphql_operation_duration_seconds_count', { operation: 'Batch', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'ion_graphql_operation_duration_seconds_count', { operation: 'Batch', outcome: 'BAD_USER_INPUT' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'ion_cypher_query_duration_seconds_count', { query: 'ingest/predictions', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'ion_http_requests_total', { route: '/graphql', method: 'POST', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'ion_http_requests_total', { route: '/metrics', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(1);
    // Default process metrics, prefixed.
    expect(sample(text, 'ion_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'ion_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('every named query is timed under its own name', async () => {
    const text = await metricsText();
    const queries = new Set([...text.matchAll(/ion_cypher_query_duration_seconds_count\{query="([^"]+)"/g)].map((m) => m[1]));
    expect([...queries].some((q) => q!.startsWith('lookup/'))).toBe(true);
    expect([...queries].some((q) => q!.startsWith('ingest/'))).toBe(true);
  });

  it('records the spool depth an SDK client reports, only for accepted requests', async () => {
    const send = async (client: string, depth: string, headers: Record<string, string>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ion-sdk-client': client, 'x-ion-sdk-spool-depth': depth, ...headers },
        body: JSON.stringify({ query: batchMutation('models'), variables: { items: [] } }),
      });
    expect((await send('pipeline-a', '42', await server.headers(Role.INGEST))).status).toBe(200);
    expect((await send('pipeline-a', '7', await server.headers(Role.INGEST))).status).toBe(200);
    expect((await send('pipeline-b', '-3', await server.headers(Role.INGEST))).status).toBe(200);
    const text = await metricsText();
    expect(sample(text, 'ion_sdk_spool_depth', { client: 'pipeline-a' })).toBe(7);
    expect(sample(text, 'ion_sdk_spool_reported_timestamp_seconds', { client: 'pipeline-a' })).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(sample(text, 'ion_sdk_spool_depth', { client: 'pipeline-b' })).toBeUndefined();
  });

  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    const app = await startApp({ metricsToken: 'scrape-secret' });
    try {
      expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const text = await metricsText(app.url, { authorization: 'Bearer scrape-secret' });
      expect(text).toContain('# TYPE ion_ingest_items_total counter');
    } finally {
      await app.close();
    }
  });
});

describe('logs', () => {
  it('every line a request causes carries its id, and an error is logged once with its code', async () => {
    const lines: string[] = [];
    const app = await startApp({ lines });
    try {
      const bad = predictionBatch(chain, 'log-bad', 2).map((p) => ({ ...p, runId: `${prefix}.no-such-run` }));
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { ...app.headers, 'x-request-id': 'ops-log-1' },
        body: JSON.stringify({ query: batchMutation('predictions'), variables: { items: bad } }),
      });
      expect(res.headers.get('x-request-id')).toBe('ops-log-1');
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
      // An unusable client id is replaced by a fresh one.
      const other = await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(other.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      await new Promise((resolve) => setTimeout(resolve, 50));

      const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const mine = parsed.filter((line) => line.requestId === 'ops-log-1');
      expect(mine.map((line) => line.msg)).toContain('request');
      const errors = mine.filter((line) => line.code !== undefined);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', operation: 'Batch', service: 'ion-lineage-test' });
      expect(String(errors[0]!.msg)).toContain('predictions[0].runId');
      // Nothing the request caused was logged without its id.
      expect(parsed.filter((line) => line.requestId === undefined)).toEqual([]);
      const access = mine.find((line) => line.msg === 'request')!;
      expect(access).toMatchObject({ method: 'POST', path: '/graphql', status: 200 });
      expect(typeof access.ms).toBe('number');
    } finally {
      await app.close();
    }
  });
});
