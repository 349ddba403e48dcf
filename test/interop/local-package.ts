/**
 * Installs a package of this repository (e.g. `clients/python`) into an interop venv with
 * `pip install <dir>`, exactly as a user would, and again whenever its files change: a digest
 * of the folder's files is kept beside the venv, so the venv's pinned dependencies stay cached.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { venvPython } from './venv';
import { VENVS } from './venvs';

const run = promisify(execFile);
const SKIPPED = new Set(['__pycache__', '.pytest_cache', 'build', 'dist', '.mypy_cache']);

/** SHA-256 over the relative paths and contents of the package's source files. */
export function folderDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (SKIPPED.has(entry.name) || entry.name.endsWith('.egg-info')) continue;
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(`${path.relative(dir, full)}\0`).update(fs.readFileSync(full));
    }
  };
  walk(dir);
  return hash.digest('hex');
}

/** `pip install --no-deps <dir>` into the venv of `python` unless that exact content is installed. */
export async function installLocalPackage(python: string, dir: string): Promise<void> {
  const marker = path.join(path.dirname(path.dirname(python)), `local-${path.basename(dir)}.sha256`);
  const digest = folderDigest(dir);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === digest) return;
  await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--force-reinstall', dir], {
    timeout: 300_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  fs.writeFileSync(marker, digest);
}

/** The venv with pytest and the Python client installed from `clients/python` (reinstalled when it changes). */
export async function pythonClientVenv(): Promise<string> {
  const python = await venvPython(VENVS.pythonClient);
  await installLocalPackage(python, path.resolve(import.meta.dirname, '..', '..', 'clients', 'python'));
  return python;
}
