/**
 * Attacks on the artifact endpoints (`/api/v1/artifacts/sha256:<hex>`): a model trained on PHI
 * is restricted like the PHI, so an uncleared caller (SCIENTIST, ADMIN) cannot download it and
 * the refusal is audited; callers without a role get nothing; the digest in the path cannot
 * reach outside the store; a body that does not hash to its digest, or is too large (also
 * after gzip), stores nothing; bytes changed in the store are never served. Every upload and
 * download is in the access audit.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalArtifactStore, sha256Digest } from '../../server/src/artifacts/artifact-store';
import { Role } from '../../server/src/auth/roles';
import { chainBundle, chainIds } from '../support/fixtures';
import { ingestBundle } from '../support/ingest-api';
import { type Caller, startTestServer, type TestServer } from '../support/server';
import { readRows } from '../support/neo4j';

const MAX_BYTES = 64 * 1024;
const PREFIX = 'sec.artifacts';
const ids = chainIds(PREFIX);
const PUBLIC_RUN = `${PREFIX}.run.public`;
const PUBLIC_MV = `${PREFIX}.mv.public`;

const phiModel = randomBytes(2048);
const publicModel = randomBytes(2048);
const phiDigest = sha256Digest(phiModel);
const publicDigest = sha256Digest(publicModel);

let server: TestServer;

function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(server.graph.driver, query, params);
}

interface Entry {
  action: string;
  operation: string;
  principalId: string | null;
  targetIds: string[];
  details: Record<string, unknown>;
}
async function auditEntries(operation: string): Promise<Entry[]> {
  const rows = await cypher<{ e: Record<string, unknown> }>('MATCH (e:AuditEntry {operation: $operation}) RETURN properties(e) AS e ORDER BY e.seq', {
    operation,
  });
  return rows.map(({ e }) => ({
    action: String(e.action),
    operation: String(e.operation),
    principalId: (e.principalId as string) ?? null,
    targetIds: (e.targetIds as string[]) ?? [],
    details: e.details ? (JSON.parse(String(e.details)) as Record<string, unknown>) : {},
  }));
}

async function request(method: string, digest: string, as: Caller, body?: Uint8Array, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/v1/artifacts/${digest}`, {
    method,
    headers: { 'content-type': 'application/octet-stream', ...headers, ...(await server.headers(as)) },
    body: body ? new Uint8Array(body) : undefined,
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    json: () => JSON.parse(bytes.toString()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> },
  };
}

/** A request whose path is sent exactly as written (fetch would normalize `..` away). */
function rawRequest(method: string, rawPath: string, token: string, body?: Buffer): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: hostname, port, method, path: rawPath, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  server = await startTestServer({ wipe: true, artifactMaxBytes: MAX_BYTES });
  const bundle = chainBundle(PREFIX);
  // The GBM is trained by a run that read the PHI EHR extract; a second model only on public census data.
  bundle.modelVersions = bundle.modelVersions!.map((mv) => (mv.id === ids.modelVersions.gbm ? { ...mv, digest: phiDigest } : mv));
  bundle.runs = [
    ...bundle.runs!,
    {
      id: PUBLIC_RUN,
      pipelineNodeId: ids.nodes.training,
      instanceId: ids.instance,
      kind: 'TRAINING',
      startedAt: '2026-03-01T05:00:00Z',
      status: 'COMPLETED',
      readDatasetVersionIds: [ids.datasetVersions.census],
    },
  ];
  bundle.modelVersions.push({
    id: PUBLIC_MV,
    modelId: ids.models.logreg,
    version: 'public-1',
    algorithm: 'logistic-regression',
    format: 'ONNX',
    digest: publicDigest,
    status: 'CANDIDATE',
    producedByRunId: PUBLIC_RUN,
  });
  await ingestBundle(server, bundle);
  for (const [digest, bytes] of [
    [phiDigest, phiModel],
    [publicDigest, publicModel],
  ] as const) {
    expect((await request('PUT', digest, Role.INGEST, bytes)).status).toBe(201);
  }
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe('downloading a model trained on PHI', () => {
  it('is refused to uncleared callers (SCIENTIST, ADMIN) with 403, and the refusal is audited', async () => {
    for (const role of [Role.SCIENTIST, Role.ADMIN]) {
      const answer = await request('GET', phiDigest, role);
      expect(answer.status).toBe(403);
      expect(answer.bytes.includes(phiModel.subarray(0, 32))).toBe(false);
      const [error] = answer.json().errors;
      expect(error!.extensions.code).toBe('FORBIDDEN');
      expect(error!.message).toMatch(/PHI/);
      expect(error!.message).toMatch(/SEE_RESTRICTED_DATA/);
    }
    await server.graph.services.audit.flushRefusals();
    const refused = await auditEntries('GET /api/v1/artifacts');
    const refusals = refused.filter((e) => e.action === 'refused');
    expect(refusals.map((e) => e.principalId).sort()).toEqual(['test:ADMIN', 'test:SCIENTIST']);
    expect(refusals.every((e) => e.details.code === 'FORBIDDEN')).toBe(true);
  });

  it('is served to a cleared INVESTIGATOR, verified, with the digest as ETag, and recorded with the model versions', async () => {
    const answer = await request('GET', phiDigest, Role.INVESTIGATOR);
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(phiModel)).toBe(true);
    expect(answer.headers.get('etag')).toBe(`"${phiDigest}"`);
    expect(answer.headers.get('content-type')).toBe('application/octet-stream');
    const reads = (await auditEntries('GET /api/v1/artifacts')).filter((e) => e.action === 'read');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ principalId: 'test:INVESTIGATOR', details: { size: phiModel.length, level: 'PHI', modelVersions: 1 } });
    expect(reads[0]!.targetIds).toEqual([phiDigest, ids.modelVersions.gbm]);
  });

  it('a model trained only on public data is served to a SCIENTIST; an artifact no version names fails closed', async () => {
    const open = await request('GET', publicDigest, Role.SCIENTIST);
    expect(open.status).toBe(200);
    expect(open.bytes.equals(publicModel)).toBe(true);
    const orphan = randomBytes(100);
    await request('PUT', sha256Digest(orphan), Role.INGEST, orphan);
    const refused = await request('GET', sha256Digest(orphan), Role.SCIENTIST);
    expect(refused.status).toBe(403);
    expect(refused.json().errors[0]!.message).toMatch(/unknown training data/);
    expect((await request('GET', sha256Digest(orphan), Role.AUDITOR)).status).toBe(200);
  });
});

describe('callers without the role', () => {
  it('no token: 401 on every method; INGEST may not download, SCIENTIST may not upload', async () => {
    for (const method of ['GET', 'PUT', 'HEAD'])
      expect((await request(method, publicDigest, null, method === 'PUT' ? publicModel : undefined)).status).toBe(401);
    expect((await request('GET', publicDigest, Role.INGEST)).status).toBe(403);
    const upload = randomBytes(64);
    const refused = await request('PUT', sha256Digest(upload), Role.SCIENTIST, upload);
    expect(refused.status).toBe(403);
    expect(await server.graph.services.artifacts.has(sha256Digest(upload))).toBe(false);
    expect((await request('HEAD', publicDigest, Role.INGEST)).status).toBe(200);
    expect((await request('HEAD', publicDigest, [])).status).toBe(403);
  });
});

describe('the digest in the path', () => {
  it('cannot reach outside the store: traversal is refused with 400 naming digest', async () => {
    const admin = await server.token(Role.AUDITOR);
    const ingest = await server.token(Role.INGEST);
    const paths = [
      '/api/v1/artifacts/..%2F..%2Fpackage.json',
      '/api/v1/artifacts/sha256:..%2F..%2F..%2Fpackage.json',
      `/api/v1/artifacts/sha256%3A${'a'.repeat(62)}%2F..`,
      '/api/v1/artifacts/sha256:%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `/api/v1/artifacts/sha256:${'A'.repeat(64)}`,
    ];
    for (const rawPath of paths) {
      const read = await rawRequest('GET', rawPath, admin);
      expect(read.status, rawPath).toBe(400);
      expect(JSON.parse(read.text).errors[0].extensions.problems[0].path).toBe('digest');
      const write = await rawRequest('PUT', rawPath, ingest, Buffer.from('not a model'));
      expect(write.status, rawPath).toBe(400);
    }
    const dir = (server.graph.services.artifacts as LocalArtifactStore).dir;
    expect(fs.existsSync(path.join(dir, '..', 'package.json'))).toBe(false);
  });
});

describe('uploads', () => {
  it('a body that does not hash to the digest is refused with 400 naming digest, and nothing is stored', async () => {
    const offered = randomBytes(512);
    const claimed = sha256Digest(randomBytes(512));
    const answer = await request('PUT', claimed, Role.INGEST, offered);
    expect(answer.status).toBe(400);
    expect(answer.json().errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'digest' }] });
    expect(await server.graph.services.artifacts.has(claimed)).toBe(false);
    expect(await server.graph.services.artifacts.has(sha256Digest(offered))).toBe(false);
  });

  it('an oversized body (plain or gzip-bombed) is refused with 413 naming the limit, and nothing is stored', async () => {
    const big = randomBytes(MAX_BYTES + 1);
    const plain = await request('PUT', sha256Digest(big), Role.INGEST, big);
    expect(plain.status).toBe(413);
    expect(plain.json().errors[0]!.message).toMatch(/ARTIFACT_MAX_BYTES/);
    const zeros = Buffer.alloc(MAX_BYTES * 16);
    const bomb = await request('PUT', sha256Digest(zeros), Role.INGEST, gzipSync(zeros), { 'content-encoding': 'gzip' });
    expect(bomb.status).toBe(413);
    expect(await server.graph.services.artifacts.has(sha256Digest(big))).toBe(false);
    expect(await server.graph.services.artifacts.has(sha256Digest(zeros))).toBe(false);
  });

  it('uploads held open cannot pile up in memory: beyond the concurrent cap the answer is 429 before any body is read', async () => {
    const token = await server.token(Role.INGEST);
    const { hostname, port } = new URL(server.url);
    // Four uploads that announce a full-size body and send only a first chunk, then stall.
    const stalled = Array.from({ length: 4 }, () => {
      const bytes = randomBytes(MAX_BYTES);
      const req = http.request({
        host: hostname,
        port,
        method: 'PUT',
        path: `/api/v1/artifacts/${sha256Digest(bytes)}`,
        headers: { authorization: `Bearer ${token}`, 'content-length': String(bytes.length) },
      });
      req.on('error', () => {});
      req.write(bytes.subarray(0, 1024));
      return req;
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const extra = randomBytes(100);
    const refused = await request('PUT', sha256Digest(extra), Role.INGEST, extra);
    expect(refused.status).toBe(429);
    expect(refused.json().errors[0]!.extensions.code).toBe('LIMIT_EXCEEDED');
    for (const req of stalled) req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await request('PUT', sha256Digest(extra), Role.INGEST, extra)).status).toBe(201);
  });

  it('is idempotent (201, then 200) and every accepted upload is audited as a write', async () => {
    const bytes = randomBytes(1000);
    const digest = sha256Digest(bytes);
    const first = await request('PUT', digest, Role.INGEST, bytes);
    expect(first.status).toBe(201);
    expect(JSON.parse(first.bytes.toString())).toEqual({ digest, size: 1000, created: true });
    const again = await request('PUT', digest, Role.ADMIN, bytes);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.bytes.toString())).toMatchObject({ created: false });
    const writes = (await auditEntries('PUT /api/v1/artifacts')).filter((e) => e.targetIds.includes(digest));
    expect(writes.map((e) => [e.action, e.principalId, e.details.created])).toEqual([
      ['write', 'test:INGEST', true],
      ['write', 'test:ADMIN', false],
    ]);
  });
});

describe('bytes changed in the store', () => {
  it('are never served: 409 CONFLICT naming digest', async () => {
    const bytes = randomBytes(300);
    const digest = sha256Digest(bytes);
    await request('PUT', digest, Role.INGEST, bytes);
    const hex = digest.slice('sha256:'.length);
    fs.writeFileSync(path.join((server.graph.services.artifacts as LocalArtifactStore).dir, hex.slice(0, 2), hex), 'a trojan model');
    const answer = await request('GET', digest, Role.AUDITOR);
    expect(answer.status).toBe(409);
    expect(answer.json().errors[0]!.extensions).toMatchObject({ code: 'CONFLICT', problems: [{ path: 'digest' }] });
  });
});
