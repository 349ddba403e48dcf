/**
 * The Python client (`clients/python`, installed with `pip install` into a cached venv) against
 * the real server and Neo4j: every part of the ingest contract through its typed calls and run
 * context managers, refused records dead-lettered, its own pytest suite, and `kill -9` of a
 * Python pipeline mid-way (once with records only in memory, once at an arbitrary moment) and
 * its restart: none lost, none doubled.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { REPO_ROOT } from '../../server/src/config';
import { compareIds, storedIds, until } from '../fault/harness';
import { pythonClientVenv } from '../interop/local-package';
import { startTestServer, type TestServer } from '../support/server';

const exec = promisify(execFile);

interface Progress {
  recorded: number;
  created: number;
  spooled: number;
  queued: number;
  done?: boolean;
  remaining?: number;
  holding?: boolean;
  checkpoint?: number;
}
const SCRIPTS = path.join(REPO_ROOT, 'test/interop/python');

let server: TestServer;
let python: string;
let token: string;
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-py-int-'));
  dirs.push(dir);
  return dir;
};

beforeAll(async () => {
  // The venv (pip, on a first run) and the server start side by side.
  [python, server] = await Promise.all([pythonClientVenv(), startTestServer()]);
  token = await server.token(Role.INGEST);
}, 600_000);

afterAll(async () => {
  await server?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The prediction ids in a spool directory (read after its process died). */
async function spooledIds(dir: string): Promise<string[]> {
  const script = 'import ion_lineage.spool as s, json, sys; print(json.dumps([i["id"] for p, i in s.Spool(sys.argv[1]).items() if p == "predictions"]))';
  const { stdout } = await exec(python, ['-c', script, dir], { timeout: 60_000 });
  return JSON.parse(stdout) as string[];
}

async function count(cypher: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await server.graph.driver.executeQuery(cypher, params);
  return Number(records[0]!.get(0));
}

describe('Python client against the server', () => {
  // These two at once: they share nothing (pytest runs against its own fake service), and pytest's
  // CPU work overlaps the recording's waiting on the server. The kill test then runs alone: its
  // mid-way moment must come before the pipeline ends, even on a loaded machine.
  it.concurrent('passes its own unit tests (pytest)', async () => {
    const { stdout } = await exec(python, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', path.join(REPO_ROOT, 'clients/python/tests')], {
      cwd: os.tmpdir(),
      timeout: 120_000,
    });
    expect(stdout).toMatch(/\d+ passed/);
    expect(stdout).not.toMatch(/failed|error/);
  });

  it.concurrent('records every part through typed calls and runs; a refused prediction is dead-lettered, the rest stored', async () => {
    const prefix = `py-${Date.now()}-`;
    const { stdout } = await exec(python, [path.join(SCRIPTS, 'record_all.py')], {
      env: { ...process.env, LINEAGE_URL: `${server.url}/graphql`, LINEAGE_TOKEN: token, SPOOL_DIR: tempDir(), PREFIX: prefix },
      timeout: 120_000,
    });
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(summary.first).toEqual({ principals: { created: 1, unchanged: 0 }, ions: { created: 1, unchanged: 0 } });
    expect(summary.again).toEqual({ principals: { created: 0, unchanged: 1 }, ions: { created: 0, unchanged: 1 } });
    expect(summary.deadLetters).toEqual([
      {
        part: 'predictions',
        id: `${prefix}score-1:req-bad`,
        code: 'BAD_USER_INPUT',
        problems: [{ path: 'predictions[0].modelVersionIds[0]', message: expect.stringContaining(`${prefix}no-such-model`) }],
      },
    ]);
    expect(summary.stats).toMatchObject({ spooled: 0, dead_lettered: 1 });
    const by = { prefix };
    expect(await count('MATCH (p:Prediction)-[:MADE_BY]->(:Run {id: $run}) RETURN count(p)', { run: `${prefix}score-1` })).toBe(50);
    expect(
      await count('MATCH (p:Prediction)-[:USED]->(:ModelVersion {id: $mv}) WHERE p.id STARTS WITH $prefix RETURN count(p)', { ...by, mv: `${prefix}model:1` }),
    ).toBe(50);
    // The deferred training run is stored with its final status, its stages and the model version it produced.
    const train = await server.graph.driver.executeQuery(
      'MATCH (r:Run {id: $id})-[:PRODUCED]->(mv:ModelVersion) OPTIONAL MATCH (r)-[:HAS_STAGE]->(s:Stage) RETURN r.status AS status, r.endedAt IS NOT NULL AS ended, mv.id AS mv, count(s) AS stages',
      { id: `${prefix}train-1` },
    );
    expect(train.records[0]!.toObject()).toMatchObject({ status: 'COMPLETED', ended: true, mv: `${prefix}model:1` });
    expect(Number(train.records[0]!.get('stages'))).toBe(2);
    // Each part of the contract reached the graph.
    for (const [label, id] of [
      ['Principal', 'alice'],
      ['ION', 'ion'],
      ['IONInstance', 'instance'],
      ['Dataset', 'labs'],
      ['DatasetVersion', 'labs@1'],
      ['Feature', 'crp'],
      ['Model', 'model'],
      ['Approval', 'approval'],
      ['Deployment', 'deploy'],
    ] as const) {
      expect(await count(`MATCH (n:${label} {id: $id}) RETURN count(n)`, { id: `${prefix}${id}` }), label).toBe(1);
    }
    expect(await count('MATCH (:Run {id: $id})-[:LOADED]->(:ModelVersion) RETURN count(*)', { id: `${prefix}score-1` })).toBe(1);
    // How each run ended is an event during it: completed, warning, and the failure with its exception.
    const events = await server.graph.driver.executeQuery(
      'MATCH (e:Event)-[:DURING]->(r:Run) WHERE r.id STARTS WITH $prefix RETURN r.id AS run, e.type AS type, e.message AS message ORDER BY run, type',
      by,
    );
    expect(events.records.map((r) => [r.get('run'), r.get('type'), r.get('message')])).toEqual([
      [`${prefix}score-1`, 'INFO', 'run completed'],
      [`${prefix}score-1`, 'WARNING', 'slow feature store'],
      [`${prefix}score-2`, 'ERROR', "run failed: RuntimeError: feature 'crp' missing"],
      [`${prefix}train-1`, 'INFO', 'run completed'],
    ]);
  });

  it('kill -9 of a Python pipeline mid-way, twice, and its restart: none lost, none doubled', async () => {
    const prefix = `pykill-${Date.now()}-`;
    const requests = 3_000;
    const dir = tempDir();
    const spool = path.join(dir, 'spool');
    const env = {
      ...process.env,
      LINEAGE_URL: `${server.url}/graphql`,
      LINEAGE_TOKEN: token,
      SPOOL_DIR: spool,
      CHECKPOINT: path.join(dir, 'checkpoint'),
      PREFIX: prefix,
      REQUESTS: String(requests),
      PACE: '0.2',
    };
    const start = (extra: Record<string, string> = {}) => {
      const child: ChildProcess = spawn(python, [path.join(SCRIPTS, 'pipeline.py')], { env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] });
      const state: { last?: Progress; exit?: number | null; signal?: NodeJS.Signals | null } = {};
      readline.createInterface({ input: child.stdout! }).on('line', (line) => (state.last = JSON.parse(line) as Progress));
      const exited = new Promise<void>((resolve) => child.once('exit', (code, signal) => resolve(Object.assign(state, { exit: code, signal }) && undefined)));
      return { child, state, exited };
    };
    const running = (run: ReturnType<typeof start>) => () => {
      if (run.state.exit !== undefined) throw new Error(`pipeline ended early (${run.state.exit})`);
      return run.state.last;
    };
    const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `${prefix}run:req-${from + i}`);

    // 1. Killed while predictions recorded since its last checkpoint are still in memory (a long
    // commit_interval keeps them there; the checkpoints' wait_durable commits at once).
    const held = start({ HOLD_AT: '1234', COMMIT_INTERVAL: '3600' });
    await until(() => running(held)()?.holding === true, 120_000, 'the pipeline to hold at 1234');
    expect(held.state.last).toMatchObject({ recorded: 1234, checkpoint: 1200, queued: 34 });
    held.child.kill('SIGKILL');
    await held.exited;
    expect(held.state.signal).toBe('SIGKILL');
    // Those 34 never reached the spool (nor the server): a record counts only after a barrier.
    const inMemory = new Set(ids(1200, 1234));
    expect((await spooledIds(spool)).filter((id) => inMemory.has(id))).toEqual([]);
    expect((await storedIds(server.graph.driver, prefix)).filter((id) => inMemory.has(id))).toEqual([]);

    // 2. Killed at an arbitrary moment mid-way with the default commit_interval: some predictions
    // confirmed by the server, some durable but not yet sent, some in memory.
    const second = start();
    await until(
      () => {
        const last = running(second)();
        return last !== undefined && last.spooled > 0 && last.created > 0 && last.recorded >= requests * 0.5;
      },
      120_000,
      'the pipeline to be mid-way',
    );
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 150)); // off the checkpoint
    second.child.kill('SIGKILL');
    await second.exited;
    expect(second.state.signal).toBe('SIGKILL');
    expect(second.state.last!.recorded).toBeLessThan(requests);

    // 3. The restart resumes at the last checkpoint and finishes (no pacing: nothing waits for it mid-way).
    const third = start({ PACE: '0' });
    await third.exited;
    expect(third.state.exit).toBe(0);
    expect(third.state.last).toMatchObject({ done: true, remaining: 0, recorded: requests });

    const sent = new Set(ids(0, requests));
    const stored = await storedIds(server.graph.driver, prefix);
    expect(compareIds(sent, stored)).toEqual({ missing: [], unexpected: [], doubled: 0 });
    expect(stored.length).toBe(requests);
    expect(await count('MATCH (p:Prediction)-[:USED]->(:ModelVersion {id: $id}) RETURN count(p)', { id: `${prefix}mv` })).toBe(requests);
  });
});
