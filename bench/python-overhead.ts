/**
 * The Python client's overhead on a 1 ms scoring loop (`clients/python/bench/overhead.py`),
 * delivering to the real server and a fresh local Neo4j meanwhile: paired rounds with and
 * without `run.record_prediction(...)`, in the venv the Python client's tests use, for scoring
 * work that holds the GIL (pure Python) and work that releases it (hashlib, like NumPy). It
 * reports the CPU per prediction in the pipeline's process (the calls and all its threads) and,
 * separately, in the client's sender process, which encodes, sends and syncs the spool.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { REPO_ROOT } from '../server/src/config';
import { pythonClientVenv } from '../test/interop/local-package';
import { startServerProcess } from './server-process';

const run = promisify(execFile);

const WORK: Record<string, string> = {
  python: '1 ms of pure-Python work per prediction (holds the GIL)',
  native: '1 ms of SHA-256 per prediction (releases the GIL, like NumPy)',
};

export interface PythonOverheadOptions {
  rounds: number;
  perRound: number;
}

/** Runs the Python benchmark against a fresh server and emits its JSON line. */
export async function benchPythonOverhead(options: PythonOverheadOptions, emit: (record: Record<string, unknown>) => void): Promise<void> {
  const python = await pythonClientVenv();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-python-'));
  const neo4j = await startLocalNeo4j({ dataDir: path.join(dataDir, 'neo4j'), port: 0, pageCache: '512m' });
  const server = await startServerProcess(neo4j.uri);
  try {
    const script = path.join(REPO_ROOT, 'clients/python/bench/overhead.py');
    const args = [script, '--url', server.url, '--token', server.token, '--rounds', String(options.rounds), '--per-round', String(options.perRound)];
    const { stdout } = await run(python, args, { timeout: 900_000 });
    for (const line of stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))) {
      const figures = JSON.parse(line) as { work: string };
      emit({ ...figures, what: `${WORK[figures.work] ?? figures.work}, paired rounds with and without run.record_prediction, delivering to the server` });
    }
  } finally {
    await server.stop();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
