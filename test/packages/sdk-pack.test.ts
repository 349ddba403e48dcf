/**
 * The SDK works as a package on its own: `npm pack` of the contract and the SDK, installed into
 * an empty folder from those tarballs alone (their registry dependencies from the npm cache when
 * it has them), then type-checked as a consumer would and run with plain `node`, no tsx and no
 * repository around it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';

const run = promisify(execFile);
let dir: string;
let app: string;

/** Relative and package imports of an ES module's source, as written. */
function specifiers(source: string): string[] {
  return [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** Every module the installed SDK's entry loads (following relative and @ion-lineage imports). */
function runtimeGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.includes(file)) continue;
    files.push(file);
    // Type-only imports are gone from the emitted JavaScript; what is left loads at run time.
    for (const spec of specifiers(fs.readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec));
      else if (spec === '@ion-lineage/contract') queue.push(path.join(app, 'node_modules/@ion-lineage/contract/dist/index.js'));
      else packages.add(spec);
    }
  }
  return { files, packages };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-sdk-pack-'));
  app = path.join(dir, 'app');
  fs.mkdirSync(app);
  // prepack builds each package (tsc -b), so the tarballs hold what the sources say now.
  await run('npm', ['pack', '--workspace', 'packages/contract', '--workspace', 'sdk', '--pack-destination', dir], { cwd: REPO_ROOT });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '../ion-lineage-contract-0.1.0.tgz', '../ion-lineage-sdk-0.1.0.tgz'], {
    cwd: app,
  });
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the packed SDK, installed alone', () => {
  it('ships built JavaScript, declarations and its README, and no sources or tests', () => {
    const installed = path.join(app, 'node_modules/@ion-lineage/sdk');
    const files = fs.readdirSync(path.join(installed, 'dist'));
    expect(files).toContain('index.js');
    expect(files).toContain('index.d.ts');
    expect(files.some((file) => file.endsWith('.test.js') || (file.endsWith('.ts') && !file.endsWith('.d.ts')))).toBe(false);
    expect(fs.existsSync(path.join(installed, 'README.md'))).toBe(true);
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
  });

  it('loads only its declared dependencies at run time, and not zod', () => {
    const { files, packages } = runtimeGraph(path.join(app, 'node_modules/@ion-lineage/sdk/dist/index.js'));
    expect(files.length).toBeGreaterThan(5);
    const external = [...packages].filter((spec) => !spec.startsWith('node:')).sort();
    expect(external).toEqual(['p-retry']);
  });

  it('records through a client under plain node, and keeps what the server has not confirmed', async () => {
    const script = `
      import { LineageClient, PARTS, MAX_PART_ITEMS } from '@ion-lineage/sdk';
      import { LIMITS, BUNDLE_ORDER, ErrorCode } from '@ion-lineage/contract';
      import { predictionSchema } from '@ion-lineage/contract/schemas';
      const prediction = { id: 'p-1', runId: 'run-1', requestId: 'req-1', subjectKey: 'patient-1',
        at: '2026-03-04T10:00:00Z', output: 'CT_SCAN', modelVersionIds: ['mv-1'] };
      // Port 9 (discard) is closed here: the delivery is retried, so the record stays spooled.
      const client = await LineageClient.open({ url: 'http://127.0.0.1:9/graphql', spoolDir: process.argv[2], retryMaxMs: 50 });
      await client.recordPrediction(prediction);
      const closed = await client.close({ timeoutMs: 200 });
      console.log(JSON.stringify({ closed, parts: PARTS.length, same: PARTS.join() === BUNDLE_ORDER.join(),
        maxPartItems: MAX_PART_ITEMS === LIMITS.batchItems, code: ErrorCode.CONFLICT, valid: predictionSchema.safeParse(prediction).success }));
    `;
    fs.writeFileSync(path.join(app, 'record.mjs'), script);
    const { stdout } = await run(process.execPath, ['record.mjs', path.join(dir, 'spool')], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ closed: { remaining: 1 }, parts: 15, same: true, maxPartItems: true, code: 'CONFLICT', valid: true });
    expect(fs.readdirSync(path.join(dir, 'spool')).some((name) => name.startsWith('segment-'))).toBe(true);
  });

  it('type-checks for a TypeScript consumer, with the contract types enforced', async () => {
    const source = `
      import { LineageClient, type PredictionInput } from '@ion-lineage/sdk';
      import { LIMITS } from '@ion-lineage/contract';
      const client = new LineageClient({ url: 'http://localhost:4000/graphql', spoolDir: '/tmp/spool' });
      const prediction: PredictionInput = { id: 'p', runId: 'r', requestId: 'q', subjectKey: 's', at: 'x', output: 'o', modelVersionIds: [] };
      void client.recordPrediction(prediction);
      // @ts-expect-error a prediction without its run is not a PredictionInput
      void client.recordPrediction({ id: 'p' });
      const idLength: 256 = LIMITS.idLength;
      void idLength;
    `;
    fs.writeFileSync(path.join(app, 'consumer.ts'), source);
    // skipLibCheck keeps this to seconds (Node's own types are not re-checked); declarations that
    // failed to resolve would turn the client into `any`, and the expected error above would then
    // be missing, which fails the check.
    const config = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        typeRoots: [path.join(REPO_ROOT, 'node_modules/@types')],
        types: ['node'],
      },
      files: ['consumer.ts'],
    };
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(config));
    const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((error: { stdout: string }) => ({
      stdout: error.stdout,
      failed: true,
    }));
    expect(result.stdout).toBe('');
  }, 60_000);
});
