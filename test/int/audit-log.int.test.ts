/**
 * The access audit and the tamper-evident log over HTTP, on the demo scenario: reads of
 * predictions and model versions and every write are recorded with who, what, when and from
 * where; accessLog answers per target; concurrent requests share append transactions; a big
 * batch is one entry; verifyAuditLog passes on the intact chain and names exactly the entry
 * that was edited in Neo4j (an access entry, an approval, a removed entry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../server/src/audit/audit.service';
import { Role } from '../../server/src/auth/roles';
import type { FullBundle } from '../../seed/src/scenario/types';
import { INGEST_BUNDLE, expectSuccess } from '../support/ingest-api';
import { dataOf, loadProvenanceFixture, type ProvenanceFixture } from '../support/provenance';
import type { TestServer } from '../support/server';
import { readRows } from '../support/neo4j';

let fx: ProvenanceFixture;
let server: TestServer;
let all: FullBundle;

beforeAll(async () => {
  fx = await loadProvenanceFixture();
  server = fx.server;
  all = fx.all;
  // As `npm start` does: approvals the loader wrote past the API join the chain.
  await server.graph.services.audit.chainUnchainedApprovals();
}, 240_000);

afterAll(async () => {
  await server?.close();
});

interface Entry {
  seq: number;
  id: string;
  kind: string;
  at: string;
  principalId: string | null;
  via: string | null;
  tokenId: string | null;
  action: string | null;
  operation: string | null;
  operationName: string | null;
  targetIds: string[];
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

const ACCESS_LOG = `query Log($targetId: String!, $limit: Int, $after: String) {
  accessLog(targetId: $targetId, limit: $limit, after: $after) {
    entries { seq id kind at principalId via tokenId action operation operationName targetIds clientIp userAgent requestId details hash prevHash }
    nextAfter
  }
}`;
const VERIFY = '{ verifyAuditLog { ok checked headSeq broken { seq id reason message } } }';

async function accessLog(targetId: string, limit = 50, after?: string): Promise<{ entries: Entry[]; nextAfter: string | null }> {
  return dataOf(await server.gql<{ accessLog: { entries: Entry[]; nextAfter: string | null } }>(ACCESS_LOG, { targetId, limit, after }, { as: Role.AUDITOR }))
    .accessLog;
}

async function verify() {
  return dataOf(
    await server.gql<{
      verifyAuditLog: { ok: boolean; checked: number; headSeq: number; broken: { seq: number; id: string; reason: string; message: string } | null };
    }>(VERIFY, {}, { as: Role.AUDITOR }),
  ).verifyAuditLog;
}

function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(server.graph.driver, query, params);
}

const entryCount = async () => Number((await cypher<{ n: number }>('MATCH (e:AuditEntry) RETURN count(e) AS n'))[0]!.n);

describe('access audit', () => {
  it('records a why read with who, what, when and from where, found by prediction and by model version', async () => {
    const prediction = all.predictions[0]!;
    const before = Date.now();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'audit-test/1.0',
        'x-request-id': 'req-audit-1',
        ...(await server.headers(Role.INVESTIGATOR)),
      },
      body: JSON.stringify({
        operationName: 'WhyThis',
        query: 'query WhyThis($id: String!) { why(predictionId: $id) { prediction { id } models { id } } }',
        variables: { id: prediction.id },
      }),
    });
    const body = (await response.json()) as { data: { why: { models: Array<{ id: string }> } } };
    expect(response.status).toBe(200);

    const [entry] = (await accessLog(prediction.id)).entries;
    expect(entry).toMatchObject({
      kind: 'access',
      action: 'read',
      operation: 'why',
      operationName: 'WhyThis',
      principalId: 'test:INVESTIGATOR',
      via: 'jwt',
      tokenId: null,
      userAgent: 'audit-test/1.0',
      requestId: 'req-audit-1',
    });
    expect(entry!.clientIp).toMatch(/127\.0\.0\.1/);
    expect(Date.parse(entry!.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(entry!.targetIds).toContain(prediction.id);
    const modelId = body.data.why.models[0]!.id;
    expect(entry!.targetIds).toContain(modelId);
    expect((await accessLog(modelId)).entries.map((e) => e.id)).toContain(entry!.id);
  });

  it('records governance views, lineage from a prediction and subject search; not other reads', async () => {
    const mv = all.modelVersions[0]!;
    const prediction = all.predictions[1]!;
    expectSuccess(await server.gql('query ($id: String!) { modelVersion(id: $id) { id } }', { id: mv.id }, { as: Role.SCIENTIST }));
    expectSuccess(await server.gql('query ($id: String!) { lineage(nodeId: $id, depth: 1) { depth } }', { id: prediction.id }, { as: Role.AUDITOR }));
    expectSuccess(
      await server.gql('query ($t: String!) { searchAll(text: $t) { subjectPredictions { id } } }', { t: prediction.subjectKey }, { as: Role.INVESTIGATOR }),
    );
    const count = await entryCount();
    expectSuccess(await server.gql('{ graphStats { schemaVersion } }', {}, { as: Role.SCIENTIST }));
    expect(await entryCount()).toBe(count);

    expect((await accessLog(mv.id)).entries[0]).toMatchObject({ operation: 'modelVersion', principalId: 'test:SCIENTIST', action: 'read' });
    const byPrediction = (await accessLog(prediction.id)).entries;
    expect(byPrediction.map((e) => `${e.operation}:${e.principalId}`)).toEqual(expect.arrayContaining(['lineage:test:AUDITOR', 'searchAll:test:INVESTIGATOR']));
  });

  it('pages accessLog newest first with a cursor', async () => {
    const mv = all.modelVersions[2]!;
    for (let i = 0; i < 5; i++) expectSuccess(await server.gql('query ($id: String!) { modelVersion(id: $id) { id } }', { id: mv.id }));
    const first = await accessLog(mv.id, 3);
    expect(first.entries).toHaveLength(3);
    expect(first.nextAfter).not.toBeNull();
    const second = await accessLog(mv.id, 3, first.nextAfter!);
    const seqs = [...first.entries, ...second.entries].map((e) => e.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(5);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('records a 500-prediction batch as one entry with counts and a bounded sample, naming the API token', async () => {
    const created = dataOf(
      await server.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
        'mutation { createApiToken(name: "etl-pipeline", roles: [INGEST]) { secret token { id } } }',
      ),
    ).createApiToken;
    const template = all.predictions[0]!;
    const predictions = Array.from({ length: 500 }, (_, i) => ({ ...template, id: `audit-batch-${i}`, requestId: `audit-batch-req-${i}` }));
    const count = await entryCount();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${created.secret}` },
      body: JSON.stringify({ query: INGEST_BUNDLE, variables: { bundle: { predictions } } }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(await entryCount()).toBe(count + 1);
    const [entry] = (await accessLog('audit-batch-0')).entries;
    expect(entry).toMatchObject({
      action: 'write',
      operation: 'ingest',
      via: 'api-token',
      tokenId: created.token.id,
      principalId: `token:${created.token.id}`,
    });
    expect(entry!.details).toMatchObject({ counts: { predictions: 500 }, sampled: true });
    expect(entry!.targetIds.length).toBeLessThanOrEqual(50);
  });

  it('appends an ingested approval to the chain with its content', async () => {
    const approval = { ...all.approvals[0]!, id: 'audit-approval-1', comment: 'approved after review' };
    expectSuccess(await server.gql('mutation ($item: ApprovalInput!) { ingestApproval(item: $item) { created } }', { item: approval }, { as: Role.INGEST }));
    const entries = (await accessLog('audit-approval-1')).entries;
    const chained = entries.find((e) => e.kind === 'approval');
    expect(chained?.details).toMatchObject({
      id: 'audit-approval-1',
      comment: 'approved after review',
      decision: approval.decision,
      modelVersionId: approval.modelVersionId,
    });
    expect(entries.find((e) => e.kind === 'access')).toMatchObject({ action: 'write', operation: 'ingestApproval' });
    // A replay chains nothing new.
    const count = await entryCount();
    expectSuccess(
      await server.gql('mutation ($item: ApprovalInput!) { ingestApproval(item: $item) { created unchanged } }', { item: approval }, { as: Role.INGEST }),
    );
    expect(await entryCount()).toBe(count + 1);
    expect((await accessLog('audit-approval-1')).entries.filter((e) => e.kind === 'approval')).toHaveLength(1);
  });

  it('group-commits concurrent requests: every one recorded, fewer transactions than requests', async () => {
    const { stats } = server.graph.services.audit;
    const commits = stats.commits;
    const ids = all.predictions.slice(10, 50).map((p) => p.id);
    await Promise.all(
      ids.map((id) =>
        server.gql('query ($id: String!) { why(predictionId: $id) { prediction { id } } }', { id }, { as: Role.INVESTIGATOR }).then(expectSuccess),
      ),
    );
    for (const id of ids) expect((await accessLog(id)).entries.some((e) => e.operation === 'why')).toBe(true);
    expect(stats.commits - commits).toBeLessThan(ids.length);
  });

  it('serializes appends from several writers (as from several server processes) through the head lock', async () => {
    const writers = [server.graph.services.audit, new AuditLog(server.graph.services.executor), new AuditLog(server.graph.services.executor)];
    const count = await entryCount();
    await Promise.all(
      writers.flatMap((writer, w) =>
        Array.from({ length: 20 }, (_, i) =>
          writer.record({ requestId: `w${w}-${i}` }, { action: 'read', operation: 'why', targetIds: [`multi-writer-${w}-${i}`] }),
        ),
      ),
    );
    expect(await entryCount()).toBe(count + 60);
    const seqs = await cypher<{ seq: number }>('MATCH (e:AuditEntry) RETURN e.seq AS seq ORDER BY seq');
    expect(seqs.map((row) => Number(row.seq))).toEqual(Array.from({ length: count + 60 }, (_, i) => i + 1));
    expect((await verify()).ok).toBe(true);
  });

  it('finds tokens and audit rows through indexes, never by scanning a label', async () => {
    const plans: Array<[string, Record<string, unknown>, RegExp]> = [
      ['auth/token-by-hash', { hash: 'x' }, /NodeUniqueIndexSeek/],
      // Hinted to the (targetId, seq) index; on a near-empty log the planner may scan that index
      // rather than seek it, which is still the index and never the label.
      ['audit/access-log', { targetId: 'x', before: 10, limit: 5 }, /NodeIndexSeek|NodeIndexScan/],
      ['audit/entries-page', { after: 0, limit: 5 }, /NodeIndexSeekByRange|NodeUniqueIndexSeekByRange/],
      ['audit/access-rows', { after: 0, upTo: 10, limit: 5 }, /NodeIndexSeekByRange/],
      ['audit/seal', {}, /NodeIndexSeek/],
    ];
    for (const [name, params, expected] of plans) {
      const session = server.graph.driver.session();
      try {
        const text = server.graph.registry.get(name as Parameters<typeof server.graph.registry.get>[0]).text;
        const plan = JSON.stringify((await session.run(`EXPLAIN ${text}`, params)).summary.plan);
        expect(plan, name).toMatch(expected);
        expect(plan, name).not.toMatch(/NodeByLabelScan|AllNodesScan/);
      } finally {
        await session.close();
      }
    }
  });

  it('does not record reads when reads auditing is off (benchmark switch), but still records writes', async () => {
    const quiet = new AuditLog(server.graph.services.executor, false);
    const count = await entryCount();
    await quiet.record({ requestId: 'r' }, { action: 'read', operation: 'why', targetIds: ['x'] });
    expect(await entryCount()).toBe(count);
    await quiet.record({ requestId: 'r' }, { action: 'write', operation: 'ingest', targetIds: ['x'] });
    expect(await entryCount()).toBe(count + 1);
  });
});

describe('tamper-evident log', () => {
  it('verifies the intact chain, entries and approvals alike', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, broken: null });
    expect(result.checked).toBe(await entryCount());
    expect(result.headSeq).toBe(result.checked);
    const approvals = await cypher<{ n: number }>("MATCH (e:AuditEntry {kind: 'approval'}) RETURN count(e) AS n");
    expect(Number(approvals[0]!.n)).toBe(all.approvals.length + 1);
  });

  it('names the access entry edited in Neo4j, and passes again once it is restored', async () => {
    const [target] = await cypher<{ seq: number; id: string; principalId: string }>(
      "MATCH (e:AuditEntry {kind: 'access', operation: 'modelVersion'}) RETURN e.seq AS seq, e.id AS id, e.principalId AS principalId ORDER BY e.seq LIMIT 1",
    );
    await cypher('MATCH (e:AuditEntry {id: $id}) SET e.principalId = $who', { id: target!.id, who: 'someone-innocent' });
    const broken = await verify();
    expect(broken.ok).toBe(false);
    expect(broken.broken).toMatchObject({ seq: Number(target!.seq), id: target!.id, reason: 'HASH_MISMATCH' });
    expect(broken.checked).toBe(Number(target!.seq) - 1);
    await cypher('MATCH (e:AuditEntry {id: $id}) SET e.principalId = $who', { id: target!.id, who: target!.principalId });
    expect((await verify()).ok).toBe(true);
  });

  it('names the chain entry of an approval changed after it was recorded', async () => {
    const approval = all.approvals[3]!;
    const [entry] = await cypher<{ seq: number; id: string }>('MATCH (e:AuditEntry {approvalId: $id}) RETURN e.seq AS seq, e.id AS id', { id: approval.id });
    const [{ comment }] = (await cypher<{ comment: string | null }>('MATCH (a:Approval {id: $id}) SET a.comment = $new RETURN a.comment AS comment', {
      id: approval.id,
      new: 'quietly rewritten',
    })) as [{ comment: string | null }];
    expect(comment).toBe('quietly rewritten');
    const broken = await verify();
    expect(broken.broken).toMatchObject({ seq: Number(entry!.seq), id: entry!.id, reason: 'APPROVAL_CHANGED' });
    await cypher('MATCH (a:Approval {id: $id}) SET a.comment = $old', { id: approval.id, old: approval.comment ?? null });
    expect((await verify()).ok).toBe(true);
  });

  it('names the entry after one that was removed, and a rehashed entry breaks its successor', async () => {
    const [middle] = await cypher<{ seq: number }>('MATCH (e:AuditEntry) WITH max(e.seq) AS top MATCH (e:AuditEntry {seq: top / 2}) RETURN e.seq AS seq');
    const seq = Number(middle!.seq);
    // Rewriting an entry and its own hash still breaks the link from the next one.
    const [props] = await cypher<{ e: Record<string, unknown> }>('MATCH (e:AuditEntry {seq: $seq}) RETURN properties(e) AS e', { seq });
    const { hashBody, entryFromStore } = await import('../../server/src/audit/chain');
    const { loadAuditChainKey } = await import('../../server/src/audit/audit.keys');
    // Even with the chain key (the service's own), a rehashed entry is caught.
    const forged = { ...entryFromStore(props!.e), principalId: 'framed' };
    await cypher('MATCH (e:AuditEntry {seq: $seq}) SET e.principalId = $who, e.hash = $hash', {
      seq,
      who: 'framed',
      hash: hashBody(forged, loadAuditChainKey()),
    });
    const next = await verify();
    // Caught at the entry itself when a signed checkpoint names its seq, else by its successor's link.
    expect([`CHECKPOINT_MISMATCH@${seq}`, `BROKEN_LINK@${seq + 1}`]).toContain(`${next.broken?.reason}@${next.broken?.seq}`);

    await cypher('MATCH (e:AuditEntry {seq: $seq}) DETACH DELETE e', { seq });
    const removed = await verify();
    expect(removed.broken).toMatchObject({ seq: seq + 1, reason: 'BROKEN_LINK' });
    expect(removed.checked).toBe(seq - 1);
  });
});
