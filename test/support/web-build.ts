/**
 * The instrumented web UI build (web/dist-instrumented, with the test hooks) that the browser
 * tests serve. Browser test files may run at the same time on different workers: one builds
 * while the others wait on a lock, then find the build up to date, so no app serves a folder
 * another file's build is emptying.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../server/src/config';
import { lockFolder } from '../interop/venv';

/** Where the instrumented build lands. */
export const INSTRUMENTED_DIST = path.join(REPO_ROOT, 'web', 'dist-instrumented');

/** Builds the instrumented UI when it is missing or older than its sources (about 0.1 s when current). */
export async function buildInstrumentedUi(): Promise<string> {
  // Beside the temporary files, not in the checkout: one lock per checkout.
  const lock = path.join(os.tmpdir(), `ion-lineage-web-build-${createHash('sha256').update(INSTRUMENTED_DIST).digest('hex').slice(0, 12)}.lock`);
  const release = await lockFolder(lock, 10 * 60_000);
  try {
    execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['web/build-if-stale.ts', '--instrumented'], { cwd: REPO_ROOT, stdio: 'inherit' });
  } finally {
    release();
  }
  return INSTRUMENTED_DIST;
}
