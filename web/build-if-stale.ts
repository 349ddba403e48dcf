/**
 * `npm start` runs this first (prestart): it builds the web UI into web/dist when the build is
 * missing or older than any source of the UI, and does nothing otherwise (about 0.1 s).
 * `--force` always builds. The server serves web/dist when it exists.
 * `--instrumented` does the same for web/dist-instrumented, the build with test hooks that the
 * browser tests and the UI benchmark serve. A production build that contains a hook fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hooksIn, INSTRUMENTED_MODE, outDirFor } from './build-modes';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const mode = process.argv.includes('--instrumented') ? INSTRUMENTED_MODE : 'production';
const outDir = outDirFor(mode);
const builtIndex = path.join(outDir, 'index.html');

/** Newest modification time among the UI's sources (web/src, index.html, configs, the lock). */
function newestSource(): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const item of ['src', 'index.html', 'vite.config.ts', 'build-modes.ts', 'tsconfig.json']) visit(path.join(webRoot, item));
  visit(path.join(webRoot, '..', 'package-lock.json'));
  return newest;
}

const relOut = path.relative(path.join(webRoot, '..'), outDir);
const built = fs.statSync(builtIndex, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (process.argv.includes('--force') || built < newestSource()) {
  const started = Date.now();
  console.log(`[ion-lineage] building the web UI (${relOut})...`);
  // Vite bundles React's development build when NODE_ENV says so (vitest sets it to "test").
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: path.join(webRoot, 'vite.config.ts'), mode, logLevel: 'warn' });
  if (mode !== INSTRUMENTED_MODE) {
    const leaked = hooksIn(outDir);
    if (leaked.length > 0) {
      // Never leave a build with test hooks where the server would serve it to users.
      fs.rmSync(outDir, { recursive: true, force: true });
      throw new Error(`test hooks in the production build (${leaked.join(', ')}): guard them with __TEST_HOOKS__`);
    }
  }
  console.log(`[ion-lineage] web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} else {
  console.log(`[ion-lineage] web UI is up to date (${relOut}).`);
}
