/** Secrets the service generates once and keeps on disk (the masking key, the export signing key). */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config';

/** Where generated keys are kept when none is configured: beside the local data, never in git. */
export function keysDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYS_DIR || path.join(REPO_ROOT, '.data', 'keys');
}

/**
 * Reads a secret file, creating it with `create()` the first time (mode 0600). Two processes
 * starting together race safely: the exclusive create lets one win and the other reads its file.
 */
export function readOrCreateSecret(file: string, create: () => string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, create(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8');
}
