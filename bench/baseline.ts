/**
 * The checkout a comparing bench measures beside this one (`--baseline <git ref or directory>`):
 * a directory is used as it is (another checkout with its own or a linked node_modules); a git
 * ref is unpacked with `git archive` into a temporary directory, with a link to this checkout's
 * node_modules so its server runs on the same dependencies.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../server/src/config';

const run = promisify(execFile);

/** Resolves `spec` to a checkout directory; a ref's checkout is removed when the process exits. */
export async function baselineCheckout(spec: string): Promise<string> {
  if (fs.existsSync(spec) && fs.statSync(spec).isDirectory()) return path.resolve(spec);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-baseline-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const archive = path.join(dir, 'checkout.tar');
  await run('git', ['archive', '--output', archive, spec], { cwd: REPO_ROOT });
  await run('tar', ['-xf', archive, '-C', dir]);
  fs.rmSync(archive);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}
