/**
 * The MLflow bridge against a real MLflow tracking server (`mlflow server`, SQLite backend, on a
 * free loopback port) populated by real MLflow calls: scikit-learn models trained with
 * autologging on an `mlflow.data` dataset, two registered versions, the "champion" alias moved
 * from the first to the second. `ion-lineage-mlflow sync` runs after each phase and once more;
 * the graph then holds the runs, datasets, model versions (with artifact digests), approvals and
 * deployments, and the last sync adds nothing.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { REPO_ROOT } from '../../server/src/config';
import { freePort } from '../../server/src/neo4j/local-neo4j';
import { installLocalPackage } from '../interop/local-package';
import { venvPython } from '../interop/venv';
import { VENVS } from '../interop/venvs';
import { startTestServer, type TestServer } from '../support/server';

const exec = promisify(execFile);

let server: TestServer;
let python: string;
let mlflow: ChildProcess | undefined;
let trackingUri: string;
let dir: string;
let env: NodeJS.ProcessEnv;
const scope = `it${Date.now()}`;

beforeAll(async () => {
  python = await venvPython(VENVS.mlflowBridge);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-mlflow-'));
  const port = await freePort();
  trackingUri = `http://127.0.0.1:${port}`;
  const bin = path.dirname(python);
  mlflow = spawn(
    path.join(bin, 'mlflow'),
    [
      'server',
      '--backend-store-uri',
      `sqlite:///${dir}/mlflow.db`,
      '--artifacts-destination',
      path.join(dir, 'artifacts'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--workers',
      '1',
    ],
    // Its own process group, so the server's workers stop with it; no background job workers (unused here).
    { cwd: dir, stdio: 'ignore', detached: true, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false' } },
  );
  // The bridge's install and our server start while MLflow's server starts (seconds of Python imports).
  [server] = await Promise.all([startTestServer(), installLocalPackage(python, path.join(REPO_ROOT, 'clients/python'))]);
  env = { ...process.env, MLFLOW_TRACKING_URI: trackingUri, ION_LINEAGE_TOKEN: await server.token(Role.INGEST) };
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (mlflow.exitCode !== null) throw new Error(`mlflow server exited with ${mlflow.exitCode}`);
    if (
      await fetch(`${trackingUri}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error('mlflow server did not start');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 900_000);

afterAll(async () => {
  if (mlflow?.pid) process.kill(-mlflow.pid, 'SIGKILL');
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function populate(phase: number): Promise<{ runId: string; version: string }> {
  const { stdout } = await exec(python, [path.join(REPO_ROOT, 'test/interop/python/mlflow_populate.py')], {
    env: { ...env, PHASE: String(phase) },
    timeout: 300_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

async function sync(): Promise<Record<string, unknown>> {
  const args = ['sync', '--tracking-uri', trackingUri, '--server', server.url, '--scope', scope, '--state', path.join(dir, 'state.json')];
  const { stdout } = await exec(path.join(path.dirname(python), 'ion-lineage-mlflow'), [...args, '--spool-dir', path.join(dir, 'spool')], {
    env,
    timeout: 300_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

async function rows(cypher: string, params: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> {
  const { records } = await server.graph.driver.executeQuery(cypher, { prefix: `mlflow:${scope}:`, ...params });
  return records.map((record) => record.toObject());
}

/** Nodes of each label the bridge wrote for this test's scope. */
async function counts(): Promise<Record<string, number>> {
  const found = await rows('MATCH (n) WHERE n.id STARTS WITH $prefix RETURN labels(n)[0] AS label, count(*) AS count ORDER BY label');
  return Object.fromEntries(found.map((r) => [r.label as string, Number(r.count)]));
}

describe('ion-lineage-mlflow sync against a real MLflow server', () => {
  it('records runs, datasets, model versions, approvals and alias moves, incrementally and idempotently', { timeout: 900_000 }, async () => {
    const first = await populate(1);
    expect(await sync()).toMatchObject({ runs: 1, model_versions: 1, deployments: 1, approvals: 1, remaining: 0, deadLetters: [] });
    const second = await populate(2);
    expect(await sync()).toMatchObject({ runs: 1, model_versions: 1, deployments: 1, approvals: 1, remaining: 0, deadLetters: [] });
    const before = await counts();
    expect(await sync()).toMatchObject({ runs: 0, model_versions: 0, deployments: 0, approvals: 0, items: 0, remaining: 0 });
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ Run: 2, ModelVersion: 2, Deployment: 2, Approval: 2, Dataset: 1, DatasetVersion: 1 });

    // Each run: its params, code version, the dataset version it read, the model version it produced (with a digest).
    const runs = await rows(
      `MATCH (r:Run)-[:READ]->(dv:DatasetVersion), (r)-[:PRODUCED]->(mv:ModelVersion) WHERE r.id STARTS WITH $prefix
       RETURN r.id AS run, r.status AS status, r.codeVersion AS code, r.params AS params, dv.digest AS dataset, mv.version AS version, mv.digest AS digest, mv.algorithm AS algorithm ORDER BY version`,
    );
    expect(runs.map((r) => [r.run, r.status, r.version, r.algorithm])).toEqual([
      [`mlflow:${scope}:run:${first.runId}`, 'COMPLETED', '1', 'LogisticRegression'],
      [`mlflow:${scope}:run:${second.runId}`, 'COMPLETED', '2', 'LogisticRegression'],
    ]);
    expect(runs.map((r) => JSON.parse(String(r.params)).C)).toEqual(['1.0', '0.5']);
    expect(runs.map((r) => String(r.code))).toEqual([`9b1e7d2${'1'.padStart(33, '0')}`, `9b1e7d2${'2'.padStart(33, '0')}`]);
    for (const r of runs) expect(r.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(runs[0]!.dataset).toBe(runs[1]!.dataset);

    // MLflow's user tags become tags (system `mlflow.*` tags stay out).
    const tags = await rows(
      `MATCH (n)-[:TAGGED]->(t:Tag) WHERE n.id STARTS WITH $prefix AND (n:Run OR n:ModelVersion)
       RETURN labels(n)[0] AS label, t.key AS key, t.value AS value, count(*) AS count ORDER BY label, key`,
    );
    expect(tags.filter((t) => ['team', 'approved_by'].includes(String(t.key))).map((t) => [t.label, t.key, t.value, t.count])).toEqual([
      ['ModelVersion', 'approved_by', 'dr.chen', 2],
      ['Run', 'team', 'triage', 2],
    ]);
    expect(tags.filter((t) => String(t.key).startsWith('mlflow.'))).toEqual([]);

    // The alias moved: two PRIMARY usage periods of the serving node, each approved by the named reviewer.
    const deployments = await rows(
      `MATCH (d:Deployment)-[:DEPLOYS]->(mv:ModelVersion), (d)-[:TO_NODE]->(n:PipelineNode), (d)-[:AUTHORIZED_BY]->(a:Approval)<-[:DECIDED]-(p:Principal)
       WHERE d.id STARTS WITH $prefix RETURN mv.version AS version, d.role AS role, n.role AS node, a.decision AS decision, p.name AS who, d.from AS from ORDER BY from`,
    );
    expect(deployments.map((d) => [d.version, d.role, d.node, d.decision, d.who])).toEqual([
      ['1', 'PRIMARY', 'INFERENCE', 'APPROVED', 'dr.chen'],
      ['2', 'PRIMARY', 'INFERENCE', 'APPROVED', 'dr.chen'],
    ]);
  });
});
