/**
 * Two service instances on one Neo4j (issue "Scale"): an API token revoked through one must be
 * refused by the other within one second. Each instance keeps a per-process cache of looked-up
 * tokens; before, the other instance honoured a revoked token for up to ten seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { startTestServer, type TestServer } from '../support/server';

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer();
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

async function me(server: TestServer, token: string): Promise<number> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { id } }' }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe('an API token revoked on one instance', () => {
  it('is refused by the other within one second', async () => {
    const { token, plaintext } = await a.graph.services.tokens.create({ name: 'two-instances', roles: [Role.SCIENTIST], createdBy: 'test' });
    // Both instances have looked the token up (and cached it).
    expect(await me(a, plaintext)).toBe(200);
    expect(await me(b, plaintext)).toBe(200);

    await a.graph.services.tokens.revoke(token.id, 'test');
    const revokedAt = performance.now();
    expect(await me(a, plaintext)).toBe(401);
    let status = await me(b, plaintext);
    while (status === 200 && performance.now() - revokedAt < 3_000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = await me(b, plaintext);
    }
    const refusedAfterMs = performance.now() - revokedAt;
    expect(status).toBe(401);
    expect(refusedAfterMs).toBeLessThan(1_000);
  });
});
