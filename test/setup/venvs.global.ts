/**
 * Global setup: on a whole-suite run (`npm test`, no file filter), builds the missing Python
 * venvs of `VENVS` in the background while the tests run, so a fresh clone does not pay each
 * `pip install` on its test's critical path. A test that gets to its venv first waits on the
 * same lock (test/interop/venv.ts). Runs with a file filter leave it to the tests.
 */
import type { TestProject } from 'vitest/node';
import { prewarmVenvs } from '../interop/venv';

const SHARED = Symbol.for('ion-lineage.test-venvs');
type GlobalWithPrewarm = typeof globalThis & { [SHARED]?: Promise<void> };

export default function setup(project: TestProject): () => Promise<void> {
  const global = globalThis as GlobalWithPrewarm;
  // `filenamePattern` holds the CLI's file filters; the database projects share this setup.
  const filters = (project.vitest as { filenamePattern?: string[] }).filenamePattern ?? [];
  if (filters.length > 0 || process.env.TEST_PREWARM_VENVS === 'false' || global[SHARED]) return async () => {};
  let stopping = false;
  const prewarm = prewarmVenvs(() => stopping);
  global[SHARED] = prewarm;
  // At the end of the run: no new install starts, the one under way finishes (never a torn venv).
  return async () => {
    stopping = true;
    await prewarm;
  };
}
