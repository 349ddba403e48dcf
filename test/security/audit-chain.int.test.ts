/**
 * Attacks on the audit trail by a database writer (direct Cypher through the driver, no keys):
 * (a) rewrite an entry and recompute every later hash with plain SHA-256, the old unkeyed
 * scheme; (b) retarget or forge an AuditAccess row, the index accessLog answers from;
 * (c) delete the last entries and move the head back. Each must be detected and named by
 * verifyAuditLog (and, for (a) and (c), by the offline `npm run verify-audit`), and accessLog
 * must never serve a forged row. Each attack is undone before the next one.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAuditChainKey } from '../../server/src/audit/audit.keys';
import { AuditLog } from '../../server/src/audit/audit.service';
import { type ChainEntry, entryFromStore, hashBody, legacyHash } from '../../server/src/audit/chain';
import { Role } from '../../server/src/auth/roles';
import { dataOf } from '../support/provenance';
import { startTestServer, type TestServer } from '../support/server';
import { testNeo4j } from '../support/neo4j-target';
import { readRows } from '../support/neo4j';

let server: TestServer;
let snapshot: { entries: Record<string, unknown>[]; rows: Record<string, unknown>[]; head: Record<string, unknown> };

function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(server.graph.driver, query, params);
}

const VERIFY = '{ verifyAuditLog { ok checked headSeq checkpoints broken { seq id reason message } } }';
async function verify() {
  return dataOf(
    await server.gql<{
      verifyAuditLog: {
        ok: boolean;
        checked: number;
        headSeq: number;
        checkpoints: number;
        broken: { seq: number; id: string; reason: string; message: string } | null;
      };
    }>(VERIFY, {}, { as: Role.AUDITOR }),
  ).verifyAuditLog;
}

const ACCESS_LOG = 'query ($t: String!) { accessLog(targetId: $t) { entries { seq targetIds verified alg } } }';
const accessLog = (targetId: string) =>
  server.gql<{ accessLog: { entries: Array<{ seq: number; targetIds: string[]; verified: boolean }> } }>(ACCESS_LOG, { t: targetId }, { as: Role.AUDITOR });

/**
 * The offline verifier, as an operator runs it (`npm run verify-audit` is tsx on this file),
 * against this test's database and checkpoint file; started with node directly, since npx
 * added its own start-up to each of the four runs.
 */
async function verifyCli(): Promise<{ code: number; out: string }> {
  const neo4j = testNeo4j();
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/src/audit/verify-cli.ts'], {
      env: {
        ...process.env,
        NEO4J_URI: neo4j.uri,
        NEO4J_USER: neo4j.user,
        NEO4J_PASSWORD: neo4j.password,
        AUDIT_CHECKPOINT_FILE: server.graph.services.audit.checkpointFile!,
      },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, out: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

const entriesFrom = async (seq: number): Promise<ChainEntry[]> =>
  (await cypher<{ e: Record<string, unknown> }>('MATCH (e:AuditEntry) WHERE e.seq >= $seq RETURN properties(e) AS e ORDER BY e.seq', { seq })).map((row) =>
    entryFromStore(row.e),
  );

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  const audit = server.graph.services.audit;
  for (let i = 0; i < 30; i++) {
    await audit.record(
      { principal: { id: `user-${i % 3}`, name: `User ${i % 3}`, roles: [Role.INVESTIGATOR], via: 'jwt' }, requestId: `r${i}`, clientIp: '10.0.0.1' },
      { action: 'read', operation: 'why', targetIds: [`pred-${i}`, `mv-${i % 2}`] },
    );
  }
  await audit.flush(); // the head is checkpointed outside Neo4j
  snapshot = {
    entries: (await cypher<{ e: Record<string, unknown> }>('MATCH (e:AuditEntry) RETURN properties(e) AS e')).map((row) => row.e),
    rows: (await cypher<{ a: Record<string, unknown> }>('MATCH (a:AuditAccess) RETURN properties(a) AS a')).map((row) => row.a),
    head: (await cypher<{ h: Record<string, unknown> }>('MATCH (h:AuditHead) RETURN properties(h) AS h'))[0]!.h,
  };
}, 240_000);

afterEach(async () => {
  // Undo the attack: the chain exactly as it was written.
  await cypher('MATCH (n) WHERE n:AuditEntry OR n:AuditAccess OR n:AuditHead DETACH DELETE n');
  await cypher('UNWIND $entries AS p CREATE (e:AuditEntry) SET e = p', { entries: snapshot.entries });
  await cypher('UNWIND $rows AS p CREATE (a:AuditAccess) SET a = p', { rows: snapshot.rows });
  await cypher('CREATE (h:AuditHead) SET h = $head', { head: snapshot.head });
});

afterAll(async () => {
  await server?.close();
});

describe('a database writer rewriting the audit trail', () => {
  it('the intact chain verifies, in the service and offline, against the signed checkpoints', async () => {
    expect(fs.readFileSync(server.graph.services.audit.checkpointFile!, 'utf8').trim().split('\n').length).toBeGreaterThan(0);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, headSeq: 30, checked: 30, broken: null });
    expect(result.checkpoints).toBeGreaterThan(0);
    const cli = await verifyCli();
    expect(cli.out).toMatch(/^OK: 30 entries verified/);
    expect(cli.code).toBe(0);
  }, 60_000);

  it('(a) rewriting an entry and recomputing every later hash with plain SHA-256 is named, in the service and offline', async () => {
    const target = 12;
    let prev: string | null = (await entriesFrom(target - 1))[0]!.hash;
    for (const entry of await entriesFrom(target)) {
      const forged: ChainEntry = { ...entry, prevHash: prev, alg: null, principalId: entry.seq === target ? 'someone-innocent' : entry.principalId };
      forged.hash = legacyHash(forged);
      prev = forged.hash;
      await cypher('MATCH (e:AuditEntry {seq: $seq}) SET e.principalId = $who, e.prevHash = $prevHash, e.hash = $hash REMOVE e.alg', {
        seq: entry.seq,
        who: forged.principalId,
        prevHash: forged.prevHash,
        hash: forged.hash,
      });
    }
    await cypher('MATCH (h:AuditHead) SET h.hash = $hash', { hash: prev });
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.broken).toMatchObject({ seq: target, reason: 'DOWNGRADED' });
    expect(result.checked).toBe(target - 1);
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(new RegExp(`BROKEN at seq ${target} .*DOWNGRADED`));
    // The rewritten entry is not served as genuine either.
    const log = await accessLog(`pred-${target - 1}`);
    expect(log.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(log.body.errors?.[0]?.message).toMatch(new RegExp(`seq ${target}\\b`));
  }, 60_000);

  it('(a) keeping the keyed label but hashing with SHA-256 (no key) is named as a hash mismatch', async () => {
    const target = 5;
    let prev: string | null = (await entriesFrom(target - 1))[0]!.hash;
    for (const entry of await entriesFrom(target)) {
      const forged: ChainEntry = { ...entry, prevHash: prev, targetIds: entry.seq === target ? ['pred-decoy'] : entry.targetIds };
      forged.hash = legacyHash(forged);
      prev = forged.hash;
      await cypher('MATCH (e:AuditEntry {seq: $seq}) SET e.targetIds = $targets, e.prevHash = $prevHash, e.hash = $hash', {
        seq: entry.seq,
        targets: forged.targetIds,
        prevHash: forged.prevHash,
        hash: forged.hash,
      });
    }
    await cypher('MATCH (h:AuditHead) SET h.hash = $hash', { hash: prev });
    expect((await verify()).broken).toMatchObject({ seq: target, reason: 'HASH_MISMATCH' });
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(new RegExp(`BROKEN at seq ${target} .*HASH_MISMATCH`));
  }, 60_000);

  it('(a) even a writer holding the chain key is caught by the signed checkpoints', async () => {
    const key = loadAuditChainKey();
    const [last] = await entriesFrom(30);
    const forged = { ...last!, principalId: 'someone-innocent' };
    forged.hash = hashBody(forged, key);
    await cypher('MATCH (e:AuditEntry {seq: 30}) SET e.principalId = $who, e.hash = $hash', { who: forged.principalId, hash: forged.hash });
    await cypher('MATCH (h:AuditHead) SET h.hash = $hash', { hash: forged.hash });
    expect((await verify()).broken).toMatchObject({ seq: 30, reason: 'CHECKPOINT_MISMATCH' });
  });

  it('(b) a retargeted AuditAccess row is named by verify, and accessLog does not serve it', async () => {
    await cypher("MATCH (a:AuditAccess {targetId: 'pred-7', seq: 8}) SET a.targetId = 'pred-elsewhere'");
    const result = await verify();
    expect(result.broken).toMatchObject({ seq: 8, reason: 'ACCESS_INDEX_MISMATCH' });
    expect(result.broken!.message).toMatch(/missing \[pred-7\].*pred-elsewhere/);
    const log = await accessLog('pred-elsewhere');
    expect(log.body.data ?? null).toBeNull();
    expect(log.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(log.body.errors?.[0]?.message).toMatch(/seq 8\b.*does not list pred-elsewhere/);
  });

  it("(b) a forged row pinning someone else's entry on a target, or a forged entry, is never served", async () => {
    await cypher("CREATE (:AuditAccess {targetId: 'pred-victim', seq: 3})");
    expect((await accessLog('pred-victim')).body.errors?.[0]?.message).toMatch(/seq 3\b/);
    expect((await verify()).broken).toMatchObject({ seq: 3, reason: 'ACCESS_INDEX_MISMATCH' });
    await cypher("MATCH (a:AuditAccess {targetId: 'pred-victim'}) DELETE a");

    // A whole new entry past the head, hashed the only way a writer without the key can.
    const [last] = await entriesFrom(30);
    const fake: ChainEntry = {
      ...last!,
      seq: 31,
      id: 'forged-entry',
      prevHash: last!.hash,
      principalId: 'someone-innocent',
      targetIds: ['pred-victim'],
      alg: null,
      hash: '',
    };
    fake.hash = legacyHash(fake);
    await cypher('CREATE (e:AuditEntry) SET e = $props WITH e CREATE (:AuditAccess {targetId: $t, seq: 31})', {
      props: Object.fromEntries(Object.entries(fake).filter(([, v]) => v !== null)),
      t: 'pred-victim',
    });
    await cypher('MATCH (h:AuditHead) SET h.seq = 31, h.hash = $hash', { hash: fake.hash });
    expect((await accessLog('pred-victim')).body.errors?.[0]?.message).toMatch(/seq 31\b/);
    expect((await verify()).broken).toMatchObject({ seq: 31, reason: 'DOWNGRADED' });
  });

  it('(b) a deleted AuditAccess row (an entry hidden from accessLog) is named by verify', async () => {
    await cypher("MATCH (a:AuditAccess {targetId: 'pred-20', seq: 21}) DELETE a");
    expect((await verify()).broken).toMatchObject({ seq: 21, reason: 'ACCESS_INDEX_MISMATCH' });
  });

  it('(c) deleting the last entries and moving the head back is named through the checkpoint, in the service and offline', async () => {
    const [kept] = await entriesFrom(25);
    await cypher('MATCH (e:AuditEntry) WHERE e.seq > 25 DETACH DELETE e');
    await cypher('MATCH (a:AuditAccess) WHERE a.seq > 25 DELETE a');
    await cypher('MATCH (h:AuditHead) SET h.seq = 25, h.hash = $hash', { hash: kept!.hash });
    const result = await verify();
    expect(result.broken).toMatchObject({ seq: 26, reason: 'TRUNCATED' });
    expect(result.broken!.message).toMatch(/checkpoint names seq 30 but the chain ends at seq 25/);
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/BROKEN at seq 26: TRUNCATED/);
  }, 60_000);

  it('a chain from before the key is sealed at start; unsealed, or with keyed entries rewritten, it is DOWNGRADED', async () => {
    // The database as an older version left it: every entry in the unkeyed scheme.
    let prev: string | null = null;
    for (const entry of await entriesFrom(1)) {
      const legacy: ChainEntry = { ...entry, prevHash: prev, alg: null };
      legacy.hash = legacyHash(legacy);
      prev = legacy.hash;
      await cypher('MATCH (e:AuditEntry {seq: $seq}) SET e.prevHash = $prevHash, e.hash = $hash REMOVE e.alg', {
        seq: entry.seq,
        prevHash: legacy.prevHash,
        hash: legacy.hash,
      });
    }
    await cypher('MATCH (h:AuditHead) SET h.hash = $hash', { hash: prev });
    // A fresh process on that database, without this server's checkpoints (they name the keyed hashes).
    const upgraded = new AuditLog(server.graph.services.executor, true, { checkpointFile: null });
    expect((await upgraded.verify()).broken).toMatchObject({ seq: 30, reason: 'DOWNGRADED' });
    await upgraded.start();
    const [seal] = await entriesFrom(31);
    expect(seal).toMatchObject({ kind: 'seal', alg: 'hmac-sha256', details: '{"legacyThrough":30}' });
    expect(await upgraded.verify()).toMatchObject({ ok: true, checked: 31 });
    expect((await upgraded.accessLog('pred-3', 10)).map((e) => [e.seq, e.verified])).toEqual([[4, false]]);
    await upgraded.record({ requestId: 'after-upgrade' }, { action: 'read', operation: 'why', targetIds: ['pred-3'] });
    expect((await upgraded.accessLog('pred-3', 10)).map((e) => [e.seq, e.verified])).toEqual([
      [32, true],
      [4, false],
    ]);
    // Removing the seal (to pass the legacy prefix off as the whole chain) is named where it was.
    await cypher('MATCH (e:AuditEntry {seq: 31}) DETACH DELETE e');
    expect((await upgraded.verify()).broken).toMatchObject({ reason: 'BROKEN_LINK', seq: 32 });
  });

  it('a forged line in the checkpoint file is named', async () => {
    const file = server.graph.services.audit.checkpointFile!;
    const original = fs.readFileSync(file, 'utf8');
    const lines = original.trim().split('\n');
    const forged = { ...JSON.parse(lines.at(-1)!), seq: 25 };
    try {
      fs.appendFileSync(file, `${JSON.stringify(forged)}\n`);
      expect((await verify()).broken).toMatchObject({ reason: 'CHECKPOINT_INVALID' });
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});
