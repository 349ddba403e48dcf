/**
 * Throwaway Python virtualenvs with real Python packages from PyPI, for interop tests (clients,
 * test servers such as an S3-compatible mock, converters). Each named venv is kept under
 * node_modules/.cache and reused while its marker names the same pinned requirements, so only
 * the first run (locally or in CI) pays for `pip install`. Product code stays TypeScript.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import { VENVS, type VenvSpec } from './venvs';

const run = promisify(execFile);

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
const CACHE = path.join(REPO_ROOT, 'node_modules', '.cache');

/** Venvs being created in this process, so two tests asking for one venv install it once. */
const pending = new Map<string, Promise<string>>();

/**
 * The python of the venv `name` with exactly `requirements` (pinned `pkg==version` strings),
 * creating or re-creating it when its marker differs.
 */
export function pythonVenv(name: string, requirements: readonly string[]): Promise<string> {
  const key = `${name}\n${requirements.join('\n')}`;
  let python = pending.get(key);
  if (!python) {
    python = createVenv(name, requirements);
    pending.set(key, python);
    python.catch(() => pending.delete(key));
  }
  return python;
}

async function createVenv(name: string, requirements: readonly string[]): Promise<string> {
  const venv = path.join(CACHE, `${name}-venv`);
  const marker = path.join(venv, 'installed.txt');
  const wanted = `${requirements.join('\n')}\n`;
  const python = path.join(venv, 'bin', 'python');
  const ready = () => fs.existsSync(python) && fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted;
  if (ready()) return python;
  // Test files on other workers may want the same venv at the same time: one installs it.
  const release = await lockFolder(`${venv}.lock`);
  try {
    if (ready()) return python;
    await install(venv, python, requirements);
    fs.writeFileSync(marker, wanted);
    return python;
  } finally {
    release();
  }
}

/** A lock across processes: the folder exists while held; one left by a killed run expires. */
export async function lockFolder(lock: string, staleMs = 20 * 60_000): Promise<() => void> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) fs.rmSync(lock, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function install(venv: string, python: string, requirements: readonly string[]): Promise<void> {
  fs.rmSync(venv, { recursive: true, force: true });
  fs.mkdirSync(CACHE, { recursive: true });
  await run(process.env.PYTHON ?? 'python3', ['-m', 'venv', venv], { timeout: 120_000 });
  await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...requirements], {
    timeout: 900_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The python of a venv from `VENVS` (built on first use, then cached). */
export function venvPython(spec: VenvSpec): Promise<string> {
  return pythonVenv(spec.name, spec.requirements);
}

/**
 * Builds the missing venvs of `VENVS` one after the other (a present one costs a file read).
 * `stopped()` is asked before each, so a run that ends early waits for one install at most.
 * Failures are left to the test that needs the venv: it builds it again and reports the error.
 */
export async function prewarmVenvs(stopped: () => boolean): Promise<void> {
  for (const spec of Object.values(VENVS)) {
    if (stopped()) return;
    await venvPython(spec).catch(() => {});
  }
}

/** The venv with the real `openlineage-python` client. */
export function openLineagePython(): Promise<string> {
  return venvPython(VENVS.openLineagePython);
}

/** Runs a Python script from this folder with the given venv's python (default: OpenLineage's) and extra environment. */
export async function runInterop(script: string, env: Record<string, string>, python?: string): Promise<{ stdout: string; stderr: string }> {
  return run(python ?? (await openLineagePython()), [path.join(import.meta.dirname, script)], { env: { ...process.env, ...env }, timeout: 120_000 });
}
