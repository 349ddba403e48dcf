/**
 * Artifact upload and download rates, in MB/s, on the local store (the default, a folder):
 * the store itself (`put` hashes, writes aside and renames; `get` reads and verifies the
 * digest), and end to end through the real server (`PUT`/`GET /api/v1/artifacts/<digest>`:
 * authentication, the classification lookup, the audit entry, the digest checks). Artifacts are
 * random bytes (incompressible, like model weights). `npx tsx bench/artifacts.ts` runs it
 * alone; `npm run bench -- --only artifacts` too.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LocalArtifactStore, sha256Digest } from '../server/src/artifacts/artifact-store';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { startServerProcess } from './server-process';

export interface ArtifactBenchOptions {
  /** Size of each artifact in MiB. */
  sizeMb: number;
  /** Artifacts uploaded and downloaded per measurement. */
  count: number;
}

export const ARTIFACT_BENCH_DEFAULTS: ArtifactBenchOptions = { sizeMb: 32, count: 8 };

const MIB = 1024 * 1024;

/** MB/s (MiB per second) of `count` operations of `sizeMb` each, run one after another. */
async function rate(artifacts: readonly Buffer[], operation: (bytes: Buffer) => Promise<void>): Promise<{ mbPerSecond: number; seconds: number }> {
  const started = performance.now();
  for (const bytes of artifacts) await operation(bytes);
  const seconds = (performance.now() - started) / 1000;
  const mb = artifacts.reduce((sum, bytes) => sum + bytes.byteLength, 0) / MIB;
  return { mbPerSecond: Math.round((mb / seconds) * 10) / 10, seconds: Math.round(seconds * 100) / 100 };
}

/** One request with node:http (lighter than fetch, so the figure is the server's): status and body length. */
function send(url: string, method: 'PUT' | 'GET', token: string, body?: Buffer): Promise<{ status: number; length: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body) Object.assign(headers, { 'content-type': 'application/octet-stream', 'content-length': String(body.byteLength) });
    const req = http.request(url, { method, headers }, (res) => {
      let length = 0;
      res.on('data', (chunk: Buffer) => (length += chunk.byteLength));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, length }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

/** Runs both measurements and emits one record per figure. */
export async function benchArtifacts(options: ArtifactBenchOptions, emit: (record: Record<string, unknown>) => void): Promise<void> {
  const fresh = () => Array.from({ length: options.count }, () => randomBytes(options.sizeMb * MIB));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-artifacts-'));
  const common = { sizeMb: options.sizeMb, count: options.count, unit: 'MB/s (MiB)' };
  try {
    const store = new LocalArtifactStore(path.join(dir, 'store'));
    const artifacts = fresh();
    emit({
      bench: 'artifact-store-put',
      ...common,
      ...(await rate(artifacts, (b) => store.put(sha256Digest(b), b).then(() => {}))),
      what: 'LocalArtifactStore.put: hash, write aside, rename',
    });
    emit({
      bench: 'artifact-store-get',
      ...common,
      ...(await rate(artifacts, (b) => store.get(sha256Digest(b)).then(() => {}))),
      what: 'LocalArtifactStore.get: read and verify the digest',
    });

    const dataDir = path.join(dir, 'neo4j');
    const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '256m' });
    const server = await startServerProcess(neo4j.uri, { ARTIFACT_DIR: path.join(dir, 'server-store'), ARTIFACT_MAX_BYTES: String(options.sizeMb * MIB) });
    try {
      const base = server.url.replace(/\/graphql$/, '/api/v1/artifacts');
      // Warm-up: the first requests pay for module loading and the audit chain's start.
      const warm = randomBytes(MIB);
      await send(`${base}/${sha256Digest(warm)}`, 'PUT', server.token, warm);
      await send(`${base}/${sha256Digest(warm)}`, 'GET', server.token);
      const overHttp = fresh();
      const upload = await rate(overHttp, async (bytes) => {
        const answer = await send(`${base}/${sha256Digest(bytes)}`, 'PUT', server.token, bytes);
        if (answer.status !== 201) throw new Error(`upload answered ${answer.status}`);
      });
      emit({ bench: 'artifact-http-upload', ...common, ...upload, what: 'PUT /api/v1/artifacts/<digest> on the real server: verify, store, audit' });
      const download = await rate(overHttp, async (bytes) => {
        const answer = await send(`${base}/${sha256Digest(bytes)}`, 'GET', server.token);
        if (answer.status !== 200 || answer.length !== bytes.byteLength) throw new Error(`download answered ${answer.status}`);
      });
      emit({
        bench: 'artifact-http-download',
        ...common,
        ...download,
        what: 'GET /api/v1/artifacts/<digest> on the real server: classify, read, verify, audit',
      });
    } finally {
      await server.stop();
      await neo4j.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchArtifacts(ARTIFACT_BENCH_DEFAULTS, (record) => console.log(JSON.stringify(record)));
}
