/**
 * Property-based fuzzing of the OpenLineage endpoints (`POST /api/v1/lineage` and
 * `/api/v1/lineage/batch`) against the real app and Neo4j: malformed RunEvents (missing and
 * wrong-typed members, bad run ids, times and URIs, unknown event types, empty and huge names,
 * broken facets, deep nesting, odd Unicode, injection strings), plain and gzip, and malformed
 * bodies. Properties: never a 5xx, every rejection a public code and a message, each malformed
 * event named by its JSON path, and the graph exactly as it was.
 */
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { graphCounts, type GraphCounts, graphDigest } from '../fuzz/graph-state';
import { baseEvent, type MalformedEvent, malformedEvent } from '../fuzz/openlineage.arbitraries';
import { assertConcurrently } from '../fuzz/concurrent';
import { expectCleanRejection } from '../fuzz/rejection';
import { nested, toJson } from '../fuzz/strings';
import type { GqlBody } from '../support/server';
import { startTestServer, type TestServer } from '../support/server';

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

let server: TestServer;
let auth: Record<string, string>;
let counts: GraphCounts;
let digest: string;
let sent = 0;

interface Sent {
  status: number;
  body: GqlBody;
  text: string;
}

async function post(route: '' | '/batch', body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Sent> {
  const res = await fetch(`${server.url}/api/v1/lineage${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: body as BodyInit,
  });
  const text = await res.text();
  let parsed: GqlBody = {};
  try {
    parsed = JSON.parse(text) as GqlBody;
  } catch {
    throw new Error(`${route || '/'} answered ${res.status} with a body that is not JSON: ${text.slice(0, 300)}`);
  }
  return { status: res.status, body: parsed, text };
}

/** Sends JSON, gzipped when asked (the endpoints accept Content-Encoding: gzip). */
function postJson(route: '' | '/batch', value: unknown, gzip: boolean): Promise<Sent> {
  const text = toJson(value);
  return gzip ? post(route, gzipSync(text), { 'content-encoding': 'gzip' }) : post(route, text);
}

function expectNamed(res: Sent, events: readonly MalformedEvent[], prefix: (i: number) => string, context: string): void {
  expect(res.status, context).toBe(400);
  const errors = expectCleanRejection(res.status, res.body, context);
  expect(errors[0]!.extensions?.code, context).toBe('BAD_USER_INPUT');
  const paths = errors.flatMap((e) => (e.extensions?.problems ?? []).map((p) => p.path));
  events.forEach((m, i) => {
    const at = `${prefix(i)}${m.path === '' || m.path.startsWith('[') ? m.path : `.${m.path}`}`;
    const named = paths.some((p) => p === at || p.startsWith(`${at}.`) || p.startsWith(`${at}[`) || (m.path === '' && p.startsWith(prefix(i))));
    expect(named, `${context}: event ${i} (${m.path || '$'}: ${m.defect.slice(0, 100)}) not named in ${JSON.stringify(paths).slice(0, 800)}`).toBe(true);
  });
}

async function expectGraphUnchanged(context: string): Promise<void> {
  expect(await graphCounts(server.graph.driver), context).toEqual(counts);
}

describe('OpenLineage fuzzing', () => {
  beforeAll(async () => {
    server = await startTestServer({ wipe: true });
    auth = await server.headers(Role.INGEST);
    // Something to leave unchanged: one accepted event.
    const ok = await postJson('', baseEvent(randomUUID(), randomUUID(), []), false);
    expect(ok.status, ok.text).toBe(201);
    counts = await graphCounts(server.graph.driver);
    digest = await graphDigest(server.graph.driver);
  });

  afterAll(async () => {
    console.log(`[fuzz] ${sent} malformed OpenLineage inputs sent`);
    await server?.close();
  });

  it('POST /api/v1/lineage: each malformed event is rejected naming its path, nothing is written', async () => {
    await assertConcurrently(
      fc.asyncProperty(malformedEvent, fc.boolean(), async (m, gzip) => {
        sent += 1;
        const context = `single${gzip ? ' (gzip)' : ''} ${m.path || '$'}: ${m.defect.slice(0, 100)}`;
        expectNamed(await postJson('', m.event, gzip), [m], () => '$', context);
        await expectGraphUnchanged(context);
      }),
      { numRuns: runs(1_000) },
    );
  });

  it('POST /api/v1/lineage/batch: every malformed event of a batch is named, nothing is written', async () => {
    await assertConcurrently(
      fc.asyncProperty(fc.array(malformedEvent, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), async (events, gzip, wrapped) => {
        sent += events.length;
        const context = `batch${gzip ? ' (gzip)' : ''}${wrapped ? ' {events}' : ''} [${events.map((m) => `${m.path || '$'}: ${m.defect.slice(0, 60)}`).join('; ')}]`;
        const list = events.map((m) => m.event);
        expectNamed(await postJson('/batch', wrapped ? { events: list } : list, gzip), events, (i) => `$[${i}]`, context);
        await expectGraphUnchanged(context);
      }),
      { numRuns: runs(700) },
    );
  });

  it('malformed bodies: never a 5xx, always a public code, nothing is written', async () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }).map((text) => ({ body: text, headers: {}, what: 'random text' })),
      fc
        .constantFrom('{', '[{"run":', '{"eventTime":}', 'null', '[]', '{}', '""', '[[[[[[', '{"events":{}}', '\u0000', '\uFEFF{}')
        .map((text) => ({ body: text, headers: {}, what: text })),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ body: bytes, headers: { 'content-encoding': 'gzip' }, what: 'corrupt gzip' })),
      fc
        .constantFrom('compress', 'zstd', 'gzip, br, x-evil', 'identity;q=0')
        .map((encoding) => ({ body: '{}', headers: { 'content-encoding': encoding }, what: `encoding ${encoding}` })),
      fc
        .constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=ebcdic')
        .map((type) => ({ body: '{"run":1}', headers: { 'content-type': type }, what: `type ${type}` })),
    );
    await assertConcurrently(
      fc.asyncProperty(garbage, fc.constantFrom<'' | '/batch'>('', '/batch'), async ({ body, headers, what }, route) => {
        sent += 1;
        const context = `body to ${route || '/'}: ${what.slice(0, 80)}`;
        const res = await post(route, body, headers);
        const empty = res.status === 200 && route === '/batch' && JSON.stringify(res.body) === '{"created":0,"unchanged":0,"results":[]}';
        if (!empty) {
          // An empty batch (`[]`) is no rejection: there is nothing to write.
          expectCleanRejection(res.status, res.body, context);
          expect([400, 413, 415], context).toContain(res.status);
        }
        await expectGraphUnchanged(context);
      }),
      { numRuns: runs(300) },
    );
  });

  it('limits: a gzip bomb and an oversized batch get 413, too many events 400', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    const single = await post('', bomb, { 'content-encoding': 'gzip' });
    expect(single.status, single.text).toBe(413);
    expect(single.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');

    const huge = await post('/batch', `[${'"x",'.repeat(17 * 1024 * 1024)}"x"]`);
    expect(huge.status).toBe(413);
    expect(huge.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');

    const many = await postJson(
      '/batch',
      Array.from({ length: 1_001 }, () => ({})),
      false,
    );
    expect(many.status).toBe(400);
    expect(many.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await expectGraphUnchanged('limits');
  });

  it('the graph is byte-for-byte unchanged, and valid events are still taken', async () => {
    expect(await graphDigest(server.graph.driver)).toBe(digest);
    expect(sent).toBeGreaterThanOrEqual(runs(4_000));
    const ok = await postJson('/batch', [baseEvent(randomUUID(), randomUUID(), ['after.fuzz'])], true);
    expect(ok.status, ok.text).toBe(200);
  });

  // Custom facets are open objects: the schema cannot bound their nesting, the event check does.
  it('a valid event with a custom facet nested 100,000 levels deep is refused with a 400 naming the nesting', async () => {
    for (const depth of [1_000, 100_000]) {
      const event = baseEvent(randomUUID(), randomUUID(), ['deep.facet']);
      (event.run as { facets: Record<string, unknown> }).facets.deep = {
        _producer: 'https://example.org/p',
        _schemaURL: 'https://example.org/s#/x',
        value: nested(depth, false),
      };
      const res = await postJson('', event, false);
      expect(res.status, `depth ${depth}: ${res.text.slice(0, 300)}`).toBe(400);
      expect(res.text).toContain('nests deeper than');
    }
  });
});
