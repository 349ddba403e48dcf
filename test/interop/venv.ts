/**
 * A throwaway Python virtualenv with the real `openlineage-python` client from PyPI, for interop
 * tests. It is kept under node_modules/.cache and reused while its marker names the same pinned
 * version, so only the first run (locally or in CI) pays for `pip install`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The client version the interop test is written against. */
export const OPENLINEAGE_PYTHON = 'openlineage-python==1.54.0';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const VENV = path.join(REPO_ROOT, 'node_modules', '.cache', 'openlineage-python-venv');
const MARKER = path.join(VENV, 'installed.txt');

/** The venv's python, creating the venv and installing the client first when needed. */
export async function openLineagePython(): Promise<string> {
  const python = path.join(VENV, 'bin', 'python');
  if (fs.existsSync(python) && fs.existsSync(MARKER) && fs.readFileSync(MARKER, 'utf8').trim() === OPENLINEAGE_PYTHON) return python;
  fs.rmSync(VENV, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(VENV), { recursive: true });
  await run(process.env.PYTHON ?? 'python3', ['-m', 'venv', VENV], { timeout: 120_000 });
  await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', OPENLINEAGE_PYTHON], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
  fs.writeFileSync(MARKER, `${OPENLINEAGE_PYTHON}\n`);
  return python;
}

/** Runs a Python script from this folder with the venv's python and extra environment. */
export async function runInterop(script: string, env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const python = await openLineagePython();
  return run(python, [path.join(import.meta.dirname, script)], { env: { ...process.env, ...env }, timeout: 120_000 });
}
