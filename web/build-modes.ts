/**
 * The web UI's two builds. `production` (web/dist) is what the server serves to users;
 * `instrumented` (web/dist-instrumented) is the same app plus the window hooks that browser
 * tests and the UI benchmark read. A production bundle that mentions a hook is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

/** The Vite mode of the build that carries test hooks. */
export const INSTRUMENTED_MODE = 'instrumented';

/** Window properties set only by the instrumented build (see src/test-hooks.ts). */
export const TEST_HOOK_NAMES = ['__cy', '__graphDrawn'] as const;

/** Where a build of `mode` goes: production and development share web/dist, never the instrumented build. */
export function outDirFor(mode: string): string {
  return path.join(webRoot, mode === INSTRUMENTED_MODE ? 'dist-instrumented' : 'dist');
}

/** Hook names found in the JavaScript of a built directory, as `file: name` (none in a production build). */
export function hooksIn(outDir: string): string[] {
  const found: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.js')) {
        const code = fs.readFileSync(file, 'utf8');
        // Whole identifiers only: Cytoscape's own `__________cytoscape_stylesheet` is no hook.
        for (const name of TEST_HOOK_NAMES) if (new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(code)) found.push(`${path.relative(outDir, file)}: ${name}`);
      }
    }
  };
  visit(outDir);
  return found;
}
