/**
 * Reading one's own writes across instances (issue "Scale"): against a Neo4j cluster a read
 * may go to a follower that has not applied the client's last write yet. A response to a
 * request that wrote carries `X-Lineage-Bookmark`; a client sending it back on its next
 * request, to any instance, has that request's transactions wait until the database has the
 * write. On one local Neo4j every read sees every write anyway, so this checks the plumbing:
 * the header comes back after a write, another instance accepts it and answers, and a
 * bookmark Neo4j does not know reaches Neo4j (and is refused as the client's error).
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { bookmarkKey } from '../../server/src/store/bookmarks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainBundle, chainIds } from '../support/fixtures';
import { INGEST_BUNDLE } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

const P = `bookmarks-${randomUUID().slice(0, 8)}`;
const ids = chainIds(P);
const HEADER = 'x-lineage-bookmark';
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  // Instances of one deployment share the JWT secret, from which the bookmark signing key comes.
  const jwtSecret = randomBytes(32);
  a = await startTestServer({ jwtSecret });
  b = await startTestServer({ jwtSecret });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

async function post(server: TestServer, query: string, variables: Record<string, unknown>, extra: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await server.headers()), ...extra },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, bookmark: response.headers.get(HEADER), body: (await response.json()) as Record<string, unknown> };
}

const WHY = 'query ($id: String) { why(predictionId: $id) { prediction { id } } }';

describe('X-Lineage-Bookmark', () => {
  it('comes back after a write, and another instance reads that write with it', async () => {
    const write = await post(a, INGEST_BUNDLE, { bundle: chainBundle(P) });
    expect(write.status).toBe(200);
    expect(write.bookmark).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const read = await post(b, WHY, { id: ids.predictions.primary }, { [HEADER]: write.bookmark! });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ data: { why: { prediction: { id: ids.predictions.primary } } } });
  });

  it('comes back after an OpenLineage event (REST) too', async () => {
    const event = {
      eventType: 'START',
      eventTime: new Date().toISOString(),
      producer: 'https://example.org/bookmarks-test',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: randomUUID(), facets: {} },
      job: { namespace: P, name: 'job', facets: {} },
      inputs: [],
      outputs: [],
    };
    const response = await fetch(`${a.url}/api/v1/lineage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await a.headers()) },
      body: JSON.stringify(event),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get(HEADER)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('is refused as BAD_USER_INPUT naming the header when malformed, forged, or unknown to Neo4j', async () => {
    const payload = Buffer.from(JSON.stringify(['FB:not-a-real-bookmark'])).toString('base64url');
    const forged = `${payload}.${createHmac('sha256', randomBytes(32)).update(payload).digest('base64url')}`;
    for (const value of ['%%%', Buffer.from('{"not":"a list"}').toString('base64url'), 'A'.repeat(5000), forged]) {
      const response = await post(b, WHY, { id: ids.predictions.primary }, { [HEADER]: value });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'X-Lineage-Bookmark' }] } }] });
    }
    // Signed as the service signs (the test holds the shared secret): it reaches Neo4j, which does not know it.
    const unknown = `${payload}.${createHmac('sha256', bookmarkKey(b.jwt.secret)).update(payload).digest('base64url')}`;
    const response = await post(b, WHY, { id: ids.predictions.primary }, { [HEADER]: unknown });
    expect(JSON.stringify(response.body)).toMatch(/X-Lineage-Bookmark/);
    expect(response.body).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
