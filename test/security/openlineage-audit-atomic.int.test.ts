/**
 * An OpenLineage write is an audited write: the events of a delivery and its audit record commit
 * together or not at all. Here the chain head is held locked by another transaction (a database
 * writer, an operator, a stuck instance), so the record cannot commit; the transaction waiting
 * on it is then killed. A delivery that stayed in the graph although its record never committed
 * would be a write without a trace. And with eight emitters at once (group commit), every
 * accepted delivery still has its own entry, and the chain verifies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { adminCommand, holdAuditHead } from '../support/audit-head';
import { readRows } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/server';

const P = `olaudit-${randomUUID().slice(0, 8)}`;
const CHAIN = `olaudit-chain-${randomUUID().slice(0, 8)}`;
const PRODUCER = 'https://example.org/attacker-test';

let server: TestServer;
let auth: Record<string, string>;

type Json = Record<string, unknown>;
const event = (runId: string, job: string): Json => ({
  eventType: 'START',
  eventTime: '2026-03-04T06:00:00Z',
  producer: PRODUCER,
  schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
  run: { runId },
  job: { namespace: P, name: job },
  inputs: [{ namespace: 'postgres://db:5432', name: `${P}.shared_input` }],
  outputs: [{ namespace: 's3://lake', name: `${P}/${job}.parquet` }],
});

const post = (body: Json) => fetch(`${server.url}/api/v1/lineage`, { method: 'POST', headers: auth, body: JSON.stringify(body) });

beforeAll(async () => {
  server = await startTestServer({ auditChainId: CHAIN });
  auth = { authorization: `Bearer ${await server.token(Role.INGEST)}`, 'content-type': 'application/json' };
  // The head exists once the chain has one entry.
  expect((await post(event(randomUUID(), 'warm'))).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function stored(runId: string): Promise<{ runs: number; events: number; entries: number }> {
  const [row] = await readRows<{ runs: number; events: number; entries: number }>(
    server.graph.driver,
    `RETURN COUNT { MATCH (r:Run {id: $runId}) } AS runs,
       COUNT { MATCH (e:OpenLineageEvent) WHERE e.runId = $runId } AS events,
       COUNT { MATCH (a:AuditEntry {chain: $chain}) WHERE $runId IN a.targetIds } AS entries`,
    { runId, chain: CHAIN },
  );
  return { runs: Number(row!.runs), events: Number(row!.events), entries: Number(row!.entries) };
}

describe('an OpenLineage delivery and its audit record commit together', () => {
  it('is not in the graph when its audit record fails to commit', async () => {
    const runId = randomUUID();
    const lock = await holdAuditHead(server.graph.driver, CHAIN);
    let status = 0;
    try {
      const answer = post(event(runId, 'killed')).then((res) => (status = res.status));
      // Whatever transaction of the service waits on the held head is killed, as a failing
      // database or an operator would; the delivery must then leave nothing behind.
      for (let i = 0; i < 100 && status === 0; i++) {
        const blocked = await adminCommand(
          server.graph.driver,
          "SHOW TRANSACTIONS YIELD transactionId, status, metaData WHERE metaData.app = 'ion-lineage' AND status STARTS WITH 'Blocked' RETURN transactionId AS id",
        );
        if (blocked.length) await adminCommand(server.graph.driver, 'TERMINATE TRANSACTIONS $ids', { ids: blocked.map((row) => row.get('id') as string) });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await answer;
    } finally {
      await lock.release();
    }
    expect(status, 'a delivery whose audit record failed was accepted').toBeGreaterThanOrEqual(500);
    expect(await stored(runId), 'the delivery was written without its audit record').toEqual({ runs: 0, events: 0, entries: 0 });
  });

  it('is answered only once both are committed', async () => {
    const runId = randomUUID();
    const lock = await holdAuditHead(server.graph.driver, CHAIN);
    let answer: Promise<Response> | undefined;
    try {
      let done = false;
      answer = post(event(runId, 'waiting'));
      void answer.finally(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(done, 'the delivery was answered before its audit record was committed').toBe(false);
      expect(await stored(runId)).toEqual({ runs: 0, events: 0, entries: 0 });
    } finally {
      await lock.release();
    }
    expect((await answer!).status).toBe(201);
    expect(await stored(runId)).toEqual({ runs: 1, events: 1, entries: 1 });
  });

  it('from eight emitters at once, each accepted delivery has its own entry and the chain verifies', async () => {
    const runIds = Array.from({ length: 48 }, () => randomUUID());
    let next = 0;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < runIds.length) {
          const i = next++;
          statuses.push((await post(event(runIds[i]!, `task_${i % 4}`))).status);
        }
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(runIds.length);
    for (const runId of runIds) expect(await stored(runId)).toEqual({ runs: 1, events: 1, entries: 1 });
    const rows = await readRows<{ operation: string; principal: string }>(
      server.graph.driver,
      'MATCH (a:AuditEntry {chain: $chain}) WHERE any(id IN a.targetIds WHERE id IN $runIds) RETURN a.operation AS operation, a.principalId AS principal',
      { chain: CHAIN, runIds },
    );
    expect(new Set(rows.map((r) => r.operation))).toEqual(new Set(['POST /api/v1/lineage']));
    expect(rows.every((r) => typeof r.principal === 'string' && r.principal.length > 0)).toBe(true);
    const verified = await server.gql('{ verifyAuditLog { ok broken { seq reason } } }', {}, { as: Role.AUDITOR });
    expect(verified.body.errors ?? []).toEqual([]);
    expect(verified.body.data).toMatchObject({ verifyAuditLog: { ok: true, broken: null } });
  });
});
