/**
 * Test hooks never reach users: the production build compiles them out of the one component
 * that sets them, the instrumented build keeps them, and the check run after every production
 * build recognises them (and nothing else).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rollup, type UserConfig, type UserConfigFnObject } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { hooksIn, INSTRUMENTED_MODE, TEST_HOOK_NAMES } from './build-modes';
import viteConfig from './vite.config';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * The minified code of CytoscapeGraph.tsx (and the modules of web/src it imports) as the real
 * config builds it in `mode`, with packages left out, so the test takes about a second.
 */
async function bundledGraphComponent(mode: string): Promise<string> {
  const config = (viteConfig as UserConfigFnObject)({ mode, command: 'build' }) as UserConfig;
  const result = await build({
    configFile: false,
    root: config.root,
    mode,
    define: config.define,
    plugins: config.plugins,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: path.join(webRoot, 'src', 'components', 'CytoscapeGraph.tsx'), formats: ['es'], fileName: 'graph' },
      rollupOptions: { external: (id) => !id.startsWith('.') && !path.isAbsolute(id) },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs.flatMap((o) => o.output.flatMap((chunk) => (chunk.type === 'chunk' ? [chunk.code] : []))).join('\n');
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A directory holding one built file, as a build would leave it. */
function builtDir(code: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-web-build-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'index.js'), code);
  return dir;
}

describe('test hooks in the web builds', () => {
  it('are compiled out of the production build and kept in the instrumented one', async () => {
    const production = await bundledGraphComponent('production');
    const instrumented = await bundledGraphComponent(INSTRUMENTED_MODE);
    expect(production).toContain('dagre'); // the component itself is there
    expect(hooksIn(builtDir(production))).toEqual([]);
    expect(hooksIn(builtDir(instrumented))).toEqual(TEST_HOOK_NAMES.map((name) => `${path.join('assets', 'index.js')}: ${name}`));
  }, 60_000);

  it('are found as whole identifiers only (Cytoscape names its own globals __________cytoscape_*)', () => {
    expect(hooksIn(builtDir('var s="__________cytoscape_stylesheet";window.my__cy=1;'))).toEqual([]);
    expect(hooksIn(builtDir('e.__graphDrawn={at:1};window["__cy"]=e;'))).toEqual(['assets/index.js: __cy', 'assets/index.js: __graphDrawn']);
  });
});
