/**
 * Several writers on one chain. The audit log keeps its chain's head in memory and appends in
 * one statement that only writes if the stored head is still the one it expects, so a second
 * writer on the same chain (two processes given one AUDIT_CHAIN_ID, a restarted process, or
 * every instance of the default shared chain) must make the other re-read the head and
 * re-hash, never fork the chain. Two AuditLogs on one chain append concurrently: no entry may
 * be lost, no seq used twice, and the chain must verify.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAuditChainKey } from '../../server/src/audit/audit.keys';
import { AuditLog } from '../../server/src/audit/audit.service';
import { verifyChain } from '../../server/src/audit/audit.verify';
import { Role } from '../../server/src/auth/roles';
import { readRows } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** Two logs on one chain (null: the default shared chain), each recording `perLog` reads at once. */
async function appendConcurrently(chainId: string | null, perLog: number): Promise<{ run: string; logs: AuditLog[] }> {
  const run = randomUUID().slice(0, 8);
  const logs = [0, 1].map(() => new AuditLog(server.graph.services.executor, true, { chainId, checkpointFile: null }));
  const record = (log: AuditLog, i: number) =>
    log.record(
      { principal: { id: `user-${i % 3}`, name: `User ${i % 3}`, roles: [Role.INVESTIGATOR], via: 'jwt' }, requestId: `${run}-${i}` },
      { action: 'read', operation: 'why', targetIds: [`pred-${run}-${i}`] },
    );
  // Interleaved in small waves, so both logs keep writing groups against a head the other moves.
  for (let wave = 0; wave < perLog; wave += 10) {
    await Promise.all(logs.flatMap((log, l) => Array.from({ length: 10 }, (_, i) => record(log, (wave + i) * 2 + l))));
  }
  return { run, logs };
}

async function entriesOf(run: string): Promise<{ n: number; seqs: number }> {
  const [row] = await readRows<{ n: number; seqs: number }>(
    server.graph.driver,
    'MATCH (e:AuditEntry) WHERE e.requestId STARTS WITH $run RETURN count(e) AS n, count(DISTINCT e.seq) AS seqs',
    { run: `${run}-` },
  );
  return { n: Number(row!.n), seqs: Number(row!.seqs) };
}

describe('two audit logs appending to one chain at once', () => {
  it('an instance chain shared by two writers loses nothing, repeats no seq, and verifies', async () => {
    const chain = `shared-${randomUUID().slice(0, 8)}`;
    const { run, logs } = await appendConcurrently(chain, 60);
    expect(await entriesOf(run)).toEqual({ n: 120, seqs: 120 });
    // Both wrote: neither was shut out by the other's moves of the head.
    for (const log of logs) expect(log.stats.records).toBe(60);
    const [chainRow] = await readRows<{ n: number }>(server.graph.driver, 'MATCH (e:AuditEntry {chain: $chain}) RETURN count(e) AS n', { chain });
    expect(Number(chainRow!.n)).toBe(120);
    expect(await verifyChain(server.graph.services.executor, loadAuditChainKey())).toMatchObject({ ok: true });
  }, 60_000);

  it('the default chain shared by two writers loses nothing, repeats no seq, and verifies', async () => {
    const { run, logs } = await appendConcurrently(null, 60);
    expect(await entriesOf(run)).toEqual({ n: 120, seqs: 120 });
    for (const log of logs) expect(log.stats.records).toBe(60);
    const result = await verifyChain(server.graph.services.executor, loadAuditChainKey());
    expect(result).toMatchObject({ ok: true });
    expect(result.headSeq).toBeGreaterThanOrEqual(120);
  }, 60_000);

  it('a writer whose remembered head was moved by another appends after it, not over it', async () => {
    const chain = `moved-${randomUUID().slice(0, 8)}`;
    const [first, second] = [0, 1].map(() => new AuditLog(server.graph.services.executor, true, { chainId: chain, checkpointFile: null }));
    const read = (log: AuditLog, requestId: string) =>
      log.record(
        { principal: { id: 'u', name: 'U', roles: [Role.INVESTIGATOR], via: 'jwt' }, requestId },
        { action: 'read', operation: 'why', targetIds: [requestId] },
      );
    // `first` remembers the head after its entry; `second` then moves it twice.
    await read(first!, `${chain}-1`);
    await read(second!, `${chain}-2`);
    await read(second!, `${chain}-3`);
    await read(first!, `${chain}-4`);
    // `second`'s next append went in one statement; `first`'s found the head moved and was redone under the lock.
    expect(second!.appendStats.optimistic).toBe(1);
    expect(first!.appendStats).toMatchObject({ optimistic: 0, conflicts: 1 });
    const rows = await readRows<{ requestId: string; prevSeq: number | null; seq: number }>(
      server.graph.driver,
      'MATCH (e:AuditEntry {chain: $chain}) RETURN e.requestId AS requestId, e.prevSeq AS prevSeq, e.seq AS seq ORDER BY e.seq',
      { chain },
    );
    expect(rows.map((row) => row.requestId)).toEqual([1, 2, 3, 4].map((i) => `${chain}-${i}`));
    // Each entry links to the one before it in the chain, whoever wrote it.
    rows.slice(1).forEach((row, i) => expect(Number(row.prevSeq)).toBe(Number(rows[i]!.seq)));
    expect(await verifyChain(server.graph.services.executor, loadAuditChainKey())).toMatchObject({ ok: true });
  });
});
