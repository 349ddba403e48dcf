/**
 * (e) Refused attempts are recorded, aggregated: a flood of 1,000 FORBIDDEN requests and 1,000
 * UNAUTHENTICATED ones (GraphQL and REST) leaves a small, bounded number of entries carrying
 * the counts, and a flood from more callers than the per-window key bound folds into one
 * `other` entry. The window is flushed explicitly here, as shutdown does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { startTestServer, type TestServer } from '../support/server';
import { readRows } from '../support/neo4j';

let server: TestServer;

function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(server.graph.driver, query, params);
}

interface Refused {
  principalId: string | null;
  clientIp: string | null;
  operation: string;
  details: { code: string; count: number; keys?: number };
}
async function refusedEntries(): Promise<Refused[]> {
  const rows = await cypher<{ e: Record<string, unknown> }>("MATCH (e:AuditEntry {action: 'refused'}) RETURN properties(e) AS e ORDER BY e.seq");
  return rows.map(({ e }) => ({
    principalId: (e.principalId as string) ?? null,
    clientIp: (e.clientIp as string) ?? null,
    operation: String(e.operation),
    details: JSON.parse(String(e.details)),
  }));
}

/** Sends `n` requests, `parallel` at a time. */
async function flood(n: number, parallel: number, send: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i += parallel) await Promise.all(Array.from({ length: Math.min(parallel, n - i) }, (_, j) => send(i + j)));
}

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe('refused attempts go into the audit, aggregated', () => {
  it('1,000 FORBIDDEN and 1,000 UNAUTHENTICATED requests become a handful of entries with their counts', async () => {
    const scientist = await server.headers(Role.SCIENTIST);
    await flood(1000, 25, async () => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...scientist },
        body: JSON.stringify({ query: '{ verifyAuditLog { ok } }' }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
    await flood(600, 25, async (i) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer not-a-token-${i}` },
        body: '{"query":"{ me { id } }"}',
      });
      expect(response.status).toBe(401);
    });
    await flood(400, 25, async () => {
      const response = await fetch(`${server.url}/api/v1/export?rootId=x`);
      expect(response.status).toBe(401);
    });
    const before = await refusedEntries();
    expect(before).toHaveLength(0); // counted in memory until the window closes
    await server.graph.services.audit.flushRefusals();

    const entries = await refusedEntries();
    expect(entries.length).toBeLessThanOrEqual(3);
    expect(entries.find((e) => e.details.code === 'FORBIDDEN')).toMatchObject({
      principalId: 'test:SCIENTIST',
      operation: 'verifyAuditLog',
      details: { count: 1000 },
    });
    expect(entries.find((e) => e.operation === 'POST /graphql')).toMatchObject({ principalId: null, details: { code: 'UNAUTHENTICATED', count: 600 } });
    expect(entries.find((e) => e.operation === 'GET /api/v1/export')).toMatchObject({ details: { code: 'UNAUTHENTICATED', count: 400 } });
    expect(entries.find((e) => e.operation === 'POST /graphql')!.clientIp).toMatch(/127\.0\.0\.1/);
    // Refusals are chained like every entry.
    const verified = await server.gql<{ verifyAuditLog: { ok: boolean } }>('{ verifyAuditLog { ok } }', {}, { as: Role.AUDITOR });
    expect(verified.body.data?.verifyAuditLog.ok).toBe(true);
  }, 120_000);

  it('more callers than the per-window key bound fold into one "other" entry, counts intact', async () => {
    const { audit } = server.graph.services;
    await audit.flushRefusals();
    const count = (await refusedEntries()).length;
    // 1,000 distinct callers (as from 1,000 addresses), each refused once.
    for (let i = 0; i < 1000; i++) audit.refused({ clientIp: `10.1.${Math.floor(i / 250)}.${i % 250}` }, 'UNAUTHENTICATED', 'POST /graphql');
    await audit.flushRefusals();
    const added = (await refusedEntries()).slice(count);
    expect(added.length).toBeLessThanOrEqual(101);
    const other = added.find((e) => e.operation === 'other');
    expect(other?.details).toMatchObject({ code: 'mixed', count: 900, keys: 900 });
    expect(added.reduce((sum, e) => sum + e.details.count, 0)).toBe(1000);
  });
});
