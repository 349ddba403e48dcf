/**
 * Graceful shutdown of the real server process: SIGTERM in the middle of a large ingest batch.
 * The batch's response still arrives, every item is in Neo4j, new connections are refused while
 * it finishes, and the process exits 0 after closing the driver.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signJwt } from '../../server/src/auth/jwt';
import { Role } from '../../server/src/auth/roles';
import { REPO_ROOT } from '../../server/src/config';
import { chainBundle, chainIds, predictionBatch } from '../support/fixtures';
import { batchMutation, INGEST_BUNDLE } from '../support/ingest-api';
import { testNeo4j } from '../support/neo4j-target';

const prefix = 'shutdown';
const chain = chainIds(prefix);
const BATCH = 10_000;
const secret = randomBytes(32).toString('base64url');
const jwt = { secret: new TextEncoder().encode(secret), issuer: 'ion-lineage-shutdown-test' };
const target = testNeo4j();
const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true });

let child: ChildProcess | undefined;
let output = '';
let url = '';
let stateDir = '';
let exited: Promise<number | null>;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child?.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not ready in ${deadlineMs} ms:\n${output}`);
}

async function predictionCount(): Promise<number> {
  const { records } = await driver.executeQuery('MATCH (p:Prediction) WHERE p.id STARTS WITH $prefix RETURN count(p) AS n', {
    prefix: `${chain.predictions.primary}.big.`,
  });
  return Number(records[0]!.get('n'));
}

beforeAll(async () => {
  await driver.executeQuery('MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix: `${prefix}.` });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-shutdown-'));
  // The server in one process, as `npm start` runs it. Not under the `tsx` CLI: it relays
  // SIGTERM to its child and SIGKILLs it unless the child acknowledges within 30 ms, which a
  // child busy parsing a large batch cannot do.
  child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NEO4J_URI: target.uri,
      NEO4J_USER: target.user,
      NEO4J_PASSWORD: target.password,
      SEED_ON_EMPTY: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: secret,
      AUTH_JWT_ISSUER: jwt.issuer,
      AUTH_DEMO_TOKEN: 'false',
      AUTH_STATE_FILE: path.join(stateDir, 'auth.json'),
      KEYS_DIR: path.join(stateDir, 'keys'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  exited = new Promise((resolve) => child!.once('exit', (code) => resolve(code)));
  await waitUntilReady(120_000);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await driver.close();
  if (stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
});

it('SIGTERM mid-batch: the batch is answered and committed, then the process exits 0', async () => {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await signJwt({ sub: 'test:ingest', roles: [Role.INGEST] }, jwt)}` };
  const setup = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: INGEST_BUNDLE, variables: { bundle: chainBundle(prefix) } }),
  });
  expect(setup.status, await setup.clone().text()).toBe(200);
  expect(((await setup.json()) as { errors?: unknown }).errors).toBeUndefined();

  const items = predictionBatch(chain, 'big', BATCH);
  const body = JSON.stringify({ query: batchMutation('predictions'), variables: { items } });
  let answeredAt = 0;
  const pending = fetch(`${url}/graphql`, { method: 'POST', headers, body }).then(async (res) => {
    answeredAt = Date.now();
    return { status: res.status, body: (await res.json()) as { data?: { result: { created: number } }; errors?: unknown[] } };
  });

  // Signal once the server has started writing the batch: its first predictions are not yet
  // visible (one transaction), so wait for the upload to be parsed, then a little more.
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(answeredAt, 'the batch must still be in flight when the signal arrives').toBe(0);
  const signalledAt = Date.now();
  child!.kill('SIGTERM');

  // Once the server has begun to stop, a new connection is refused while the batch finishes.
  const until = Date.now() + 20_000;
  while (!output.includes('SIGTERM: stopping') && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
  const stillWriting = answeredAt === 0;
  const refused = await new Promise<boolean>((resolve) => {
    http.get(`${url}/healthz`, { agent: false }, (res) => (res.resume(), resolve(false))).on('error', () => resolve(true));
  });

  const res = await pending.catch((error: unknown) => {
    throw new Error(`batch request failed: ${String(error)}\n${output}`);
  });
  expect(answeredAt).toBeGreaterThan(signalledAt);
  expect(res.body.errors, JSON.stringify(res.body.errors)?.slice(0, 500)).toBeUndefined();
  expect(res.status).toBe(200);
  expect(res.body.data!.result.created).toBe(BATCH);
  expect(stillWriting, 'the server began stopping while the batch was still being written').toBe(true);
  expect(refused, 'a new connection during the drain must be refused').toBe(true);

  const code = await exited;
  expect(code, output).toBe(0);
  expect(output).toContain('stopped.');
  expect(await predictionCount()).toBe(BATCH);
}, 180_000);
