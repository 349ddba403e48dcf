/**
 * The Python client's overhead on a 1 ms scoring loop (`clients/python/bench/overhead.py`),
 * delivering to the real server and a fresh local Neo4j meanwhile: paired rounds with and
 * without `run.record_prediction(...)`, in the venv the Python client's tests use, for scoring
 * work that holds the GIL (pure Python) and work that releases it (hashlib, like NumPy). It
 * reports the CPU per prediction in the pipeline's process (the calls and all its threads) and,
 * separately, in the client's sender process, which encodes, spools, sends and syncs.
 *
 * With `baseline` (a git ref or another checkout, `bench/baseline.ts`), the client there is
 * measured back to back with the current one, against the same server, each kind of work in
 * turn and the order flipped between kinds, so the two see the same machine load.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { REPO_ROOT } from '../server/src/config';
import { pythonClientVenv } from '../test/interop/local-package';
import { baselineCheckout } from './baseline';
import { startServerProcess } from './server-process';

const run = promisify(execFile);

const WORK: Record<string, string> = {
  python: '1 ms of pure-Python work per prediction (holds the GIL)',
  native: '1 ms of SHA-256 per prediction (releases the GIL, like NumPy)',
};

export interface PythonOverheadOptions {
  rounds: number;
  perRound: number;
  /** A git ref whose client is measured back to back with the current one. */
  baseline?: string;
}

/** The client's source at `ref`, extracted into `dir`; returns the folder to put on PYTHONPATH. */
/** Runs the Python benchmark against a fresh server and emits its JSON lines. */
export async function benchPythonOverhead(options: PythonOverheadOptions, emit: (record: Record<string, unknown>) => void): Promise<void> {
  const python = await pythonClientVenv();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-python-'));
  const baselineSrc = options.baseline ? path.join(await baselineCheckout(options.baseline), 'clients/python/src') : undefined;
  const neo4j = await startLocalNeo4j({ dataDir: path.join(dataDir, 'neo4j'), port: 0, pageCache: '512m' });
  const server = await startServerProcess(neo4j.uri);
  const script = path.join(REPO_ROOT, 'clients/python/bench/overhead.py');
  const measure = async (work: string, client: string, pythonPath: string | undefined) => {
    const args = [script, '--url', server.url, '--token', server.token, '--rounds', String(options.rounds), '--per-round', String(options.perRound)];
    const env = pythonPath ? { ...process.env, PYTHONPATH: pythonPath } : process.env;
    const prefix = `bench-${Date.now()}-${client.replace(/\W/g, '')}-`;
    const { stdout } = await run(python, [...args, '--work', work, '--prefix', prefix], { timeout: 900_000, env });
    for (const line of stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))) {
      const figures = JSON.parse(line) as { work: string };
      emit({
        ...figures,
        client,
        what: `${WORK[figures.work] ?? figures.work}, paired rounds with and without run.record_prediction, delivering to the server`,
      });
    }
  };
  try {
    for (const [i, work] of ['python', 'native'].entries()) {
      const clients: [string, string | undefined][] = [['current', undefined]];
      if (baselineSrc) clients.splice(i % 2, 0, [`baseline ${options.baseline}`, baselineSrc]);
      for (const [client, src] of clients) await measure(work, client, src);
    }
  } finally {
    await server.stop();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
