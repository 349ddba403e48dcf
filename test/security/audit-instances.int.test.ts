/**
 * Several service instances, one audit trail (issue "Scale"). Each instance appends to a chain
 * of its own (AUDIT_CHAIN_ID), with its own head and its own signed checkpoints, so audited
 * requests on one instance never wait on another's head lock. Every guarantee of the single
 * chain must hold for each: the chains verify together, in the service and offline; and a
 * database writer who alters or deletes an entry of one instance's chain, or cuts its end and
 * moves its head back, is detected and named.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNeo4j } from '../support/neo4j-target';
import { loadAuditChainKey } from '../../server/src/audit/audit.keys';
import { verifyChain } from '../../server/src/audit/audit.verify';
import { loadCheckpointKey } from '../../server/src/audit/audit.keys';
import { readCheckpointFiles } from '../../server/src/audit/checkpoint';
import { createPublicKey } from 'node:crypto';
import { Role } from '../../server/src/auth/roles';
import { startTestServer, type TestServer } from '../support/server';
import { readRows } from '../support/neo4j';

let a: TestServer;
let b: TestServer;

function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(a.graph.driver, query, params);
}

const files = () => [a.graph.services.audit.checkpointFile!, b.graph.services.audit.checkpointFile!];

/** Every chain, against both instances' checkpoints (what `npm run verify-audit` does with two files). */
const verifyAll = () => verifyChain(a.graph.services.executor, loadAuditChainKey(), readCheckpointFiles(files(), createPublicKey(loadCheckpointKey())));

async function verifyCli(): Promise<{ code: number; out: string }> {
  const neo4j = testNeo4j();
  // node with tsx, as `npm run verify-audit` runs it, without npx's own start-up.
  const args = ['--import', 'tsx', 'server/src/audit/verify-cli.ts', ...files().flatMap((file) => ['--checkpoints', file])];
  try {
    const { stdout } = await promisify(execFile)(process.execPath, args, {
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const ME = '{ me { id } }';

beforeAll(async () => {
  a = await startTestServer({ wipe: true, auditChainId: 'instance-a' });
  b = await startTestServer({ auditChainId: 'instance-b' });
  // Audited work on both at once: direct records and requests over HTTP.
  const record = (server: TestServer, i: number) =>
    server.graph.services.audit.record(
      { principal: { id: `user-${i % 3}`, name: `User ${i % 3}`, roles: [Role.INVESTIGATOR], via: 'jwt' }, requestId: `r${i}` },
      { action: 'read', operation: 'why', targetIds: [`pred-${i}`] },
    );
  await Promise.all(Array.from({ length: 40 }, (_, i) => record(i % 2 ? a : b, i)));
  await Promise.all([a.gql(ME), b.gql(ME), a.gql(ME, {}, { as: null }), b.gql(ME, {}, { as: null })]);
  await Promise.all([a.graph.services.audit.flush(), b.graph.services.audit.flush()]);
}, 240_000);

afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('one audit chain per instance', () => {
  it('each instance appends to its own chain and head, and every chain verifies, in the service and offline', async () => {
    const heads = await cypher<{ id: string; seq: number }>('MATCH (h:AuditHead) RETURN h.id AS id, h.seq AS seq ORDER BY id');
    expect(heads.map((h) => h.id)).toEqual(expect.arrayContaining(['instance-a', 'instance-b']));
    const perChain = await cypher<{ chain: string; n: number }>('MATCH (e:AuditEntry) RETURN e.chain AS chain, count(*) AS n ORDER BY chain');
    expect(perChain.find((c) => c.chain === 'instance-a')?.n).toBeGreaterThanOrEqual(20);
    expect(perChain.find((c) => c.chain === 'instance-b')?.n).toBeGreaterThanOrEqual(20);

    const all = await verifyAll();
    expect(all).toMatchObject({ ok: true });
    expect(all.checked).toBe(perChain.reduce((sum, c) => sum + Number(c.n), 0));
    expect(all.checkpoints).toBeGreaterThanOrEqual(2);
    // Each instance's own verifyAuditLog walks every chain too.
    expect((await b.graph.services.audit.verify()).ok).toBe(true);
    const cli = await verifyCli();
    expect(cli.code).toBe(0);
    expect(cli.out).toMatch(/^OK: \d+ entries verified/);
  }, 60_000);

  it('accessLog serves entries of every chain, verified', async () => {
    const entries = await a.graph.services.audit.accessLog('pred-2', 10);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ chain: 'instance-b', verified: true });
  });

  it('an entry altered in one instance chain is named (HASH_MISMATCH), and accessLog refuses it', async () => {
    const [victim] = await cypher<{ seq: number; who: string }>(
      "MATCH (e:AuditEntry {chain: 'instance-b'}) WHERE 'pred-4' IN e.targetIds RETURN e.seq AS seq, e.principalName AS who",
    );
    await cypher('MATCH (e:AuditEntry {seq: $seq}) SET e.principalName = $name', { seq: victim!.seq, name: 'someone innocent' });
    try {
      const result = await verifyAll();
      expect(result.broken).toMatchObject({ seq: victim!.seq, reason: 'HASH_MISMATCH' });
      await expect(a.graph.services.audit.accessLog('pred-4', 10)).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      await cypher('MATCH (e:AuditEntry {seq: $seq}) SET e.principalName = $name', { seq: victim!.seq, name: victim!.who });
    }
    expect((await verifyAll()).ok).toBe(true);
  });

  it('an entry removed from one instance chain is named (BROKEN_LINK), even moved into the other chain', async () => {
    const chainA = await cypher<{ seq: number }>("MATCH (e:AuditEntry {chain: 'instance-a'}) RETURN e.seq AS seq ORDER BY seq");
    const middle = chainA[Math.floor(chainA.length / 2)]!.seq;
    const next = chainA[Math.floor(chainA.length / 2) + 1]!.seq;
    // Relabelled into instance-b: the HMAC covers the chain, so this cannot pass either.
    await cypher("MATCH (e:AuditEntry {seq: $seq}) SET e.chain = 'instance-b'", { seq: middle });
    let result = await verifyAll();
    expect(result.ok).toBe(false);
    expect(result.broken?.seq).toBe(middle);
    await cypher('MATCH (e:AuditEntry {seq: $seq}) DETACH DELETE e', { seq: middle });
    await cypher('MATCH (x:AuditAccess {seq: $seq}) DETACH DELETE x', { seq: middle });
    result = await verifyAll();
    expect(result.broken).toMatchObject({ seq: next, reason: 'BROKEN_LINK' });
    expect(result.broken?.message).toMatch(/instance-a/);
  });
});

describe('the end of one instance chain cut and its head moved back', () => {
  it('is named TRUNCATED against that instance’s signed checkpoint', async () => {
    // A fresh pair of chains: the previous test broke instance-a on purpose.
    await cypher("MATCH (e:AuditEntry {chain: 'instance-a'}) OPTIONAL MATCH (x:AuditAccess {seq: e.seq}) DETACH DELETE e, x");
    await cypher("MATCH (h:AuditHead {id: 'instance-a'}) DETACH DELETE h");
    const chainB = await cypher<{ seq: number; hash: string }>("MATCH (e:AuditEntry {chain: 'instance-b'}) RETURN e.seq AS seq, e.hash AS hash ORDER BY seq");
    const last = chainB.at(-1)!;
    const before = chainB.at(-2)!;
    await cypher('MATCH (e:AuditEntry {seq: $seq}) DETACH DELETE e', { seq: last.seq });
    await cypher('MATCH (x:AuditAccess {seq: $seq}) DETACH DELETE x', { seq: last.seq });
    await cypher("MATCH (h:AuditHead {id: 'instance-b'}) SET h.seq = $seq, h.hash = $hash", { seq: before.seq, hash: before.hash });
    // Only instance-b's checkpoints: instance-a's chain was removed above on purpose.
    const result = await verifyChain(
      a.graph.services.executor,
      loadAuditChainKey(),
      readCheckpointFiles([b.graph.services.audit.checkpointFile!], createPublicKey(loadCheckpointKey())),
    );
    expect(result.broken).toMatchObject({ reason: 'TRUNCATED' });
    expect(result.broken?.message).toMatch(/chain instance-b/);
  });
});
