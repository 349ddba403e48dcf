/**
 * An answered read is an audited read. The audit record of a read is written while the rest of
 * its answer is resolved (off the critical path), but the answer must still wait for it: a
 * caller who could get the answer while its record is not yet committed (or never is: the
 * database refuses the write, an operator kills it) would read without leaving a trace. Here
 * the chain head is held locked by another transaction, so the record cannot commit.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { adminCommand, holdAuditHead } from '../support/audit-head';
import { chainBundle, chainIds } from '../support/fixtures';
import { expectSuccess, ingestBundle } from '../support/ingest-api';
import { readRows } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/server';

const P = `barrier-${randomUUID().slice(0, 8)}`;
const ids = chainIds(P);
const CHAIN = `barrier-chain-${randomUUID().slice(0, 8)}`;
const WHY = 'query ($id: String!) { why(predictionId: $id) { prediction { id subjectKey inputs } } }';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ auditChainId: CHAIN });
  await ingestBundle(server, chainBundle(P));
  // The head exists once the chain has one entry.
  expectSuccess(await server.gql(WHY, { id: ids.predictions.primary }, { as: Role.INVESTIGATOR }));
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const settled = <T>(promise: Promise<T>) => {
  const state = { done: false };
  void promise.finally(() => (state.done = true));
  return state;
};

/** Entries of this chain recording a `why` of the prediction. */
async function whyEntries(): Promise<number> {
  const rows = await readRows<{ n: number }>(
    server.graph.driver,
    "MATCH (e:AuditEntry {chain: $chain, operation: 'why'}) WHERE $id IN e.targetIds RETURN count(e) AS n",
    { chain: CHAIN, id: ids.predictions.primary },
  );
  return Number(rows[0]!.n);
}

describe('the answer to an audited read waits for its audit record', () => {
  it('is not sent while the record cannot commit, and is sent once it has', async () => {
    const before = await whyEntries();
    const lock = await holdAuditHead(server.graph.driver, CHAIN);
    let answer: ReturnType<TestServer['gql']> | undefined;
    try {
      answer = server.gql(WHY, { id: ids.predictions.primary }, { as: Role.INVESTIGATOR });
      const state = settled(answer);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(state.done, 'the answer left before its audit record was committed').toBe(false);
      expect(await whyEntries()).toBe(before);
    } finally {
      await lock.release();
    }
    const response = await answer!;
    expectSuccess(response);
    expect(await whyEntries()).toBe(before + 1);
  });

  it('is withheld when the record fails to commit', async () => {
    const lock = await holdAuditHead(server.graph.driver, CHAIN);
    try {
      const answer = server.gql(WHY, { id: ids.predictions.primary }, { as: Role.INVESTIGATOR });
      const state = settled(answer);
      // The record's transaction waits on the lock; kill it, as a failing database or an operator would.
      for (let i = 0; i < 100 && !state.done; i++) {
        const waiting = await adminCommand(
          server.graph.driver,
          "SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.op = 'audit-append' RETURN transactionId AS id",
        );
        if (waiting.length) await adminCommand(server.graph.driver, 'TERMINATE TRANSACTIONS $ids', { ids: waiting.map((row) => row.get('id') as string) });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { body } = await answer;
      expect(body.data ?? null, 'data of a read whose audit record failed was sent').toBeNull();
      expect(JSON.stringify(body)).not.toContain(ids.predictions.primary);
      expect(body.errors?.length).toBeGreaterThan(0);
    } finally {
      await lock.release();
    }
  });
});
