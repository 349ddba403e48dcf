import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, LineageError } from '../errors';
import { CYPHER_DIR } from '../graph';
import { contentHash } from '../ingest/engine';
import { importArguments } from './admin-import';
import { utcDateTime } from './bulk-parts';
import { TAGGED_LABELS } from './bulk-tables';
import { BulkCsvWriter } from './bulk-writer';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bulk-unit-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, `${name}.csv`), 'utf8');

describe('BulkCsvWriter', () => {
  it('writes the content hash the engine computes, quotes every string and marks files whose values span lines', async () => {
    const dir = tempDir();
    const writer = new BulkCsvWriter(dir, new Date('2026-03-01T00:00:00Z'));
    const principal = { id: 'alice', name: 'Alice "A"\nSmith', kind: 'HUMAN' as const };
    await writer.add({ principals: [principal] });
    const manifest = await writer.finish();
    expect(read(dir, 'nodes-Principal')).toBe(
      `id:ID(Principal),name:string,kind:string,email:string,contentHash:string,createdAt:datetime\n` +
        `"alice","Alice ""A""\nSmith","HUMAN",,"${contentHash(principal)}",2026-03-01T00:00:00.000Z\n`,
    );
    expect(manifest.files).toEqual([expect.objectContaining({ kind: 'nodes', name: 'Principal', rows: 1, multiline: true })]);
    expect(manifest.counts).toEqual({ principals: 1 });
  });

  it('gzips each file on request to exactly the bytes it writes plain, and lists the .csv.gz files for the import', async () => {
    const principals = Array.from({ length: 3000 }, (_, i) => ({ id: `p${i}`, name: `Person ${i}\n"${i % 7}"`, kind: 'HUMAN' as const }));
    const now = new Date('2026-03-01T00:00:00Z');
    const [plainDir, gzDir] = [tempDir(), tempDir()];
    const plain = new BulkCsvWriter(plainDir, now);
    const gz = new BulkCsvWriter(gzDir, now, { compress: true });
    for (const writer of [plain, gz]) await writer.add({ principals });
    const [plainManifest, gzManifest] = [await plain.finish(), await gz.finish()];
    expect(gzManifest.files).toEqual([expect.objectContaining({ files: [path.join(gzDir, 'nodes-Principal.csv.gz')], rows: 3000, multiline: true })]);
    const unzipped = zlib.gunzipSync(fs.readFileSync(path.join(gzDir, 'nodes-Principal.csv.gz'))).toString('utf8');
    expect(unzipped).toBe(read(plainDir, 'nodes-Principal'));
    expect(plainManifest.counts).toEqual(gzManifest.counts);
  });

  it('refuses a bad item as BAD_USER_INPUT naming the bundle, part, index and field', async () => {
    const writer = new BulkCsvWriter(tempDir());
    await writer.add({ principals: [{ id: 'ok', name: 'ok', kind: 'HUMAN' }] });
    const error = await writer.add({ principals: [{ id: 'bad id', name: 'x', kind: 'HUMAN' }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LineageError);
    expect((error as LineageError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as LineageError).problems.map((p) => p.path)).toEqual(['bundle[1].principals[0].id']);
    await writer.finish();
  });

  it('refuses one id with two contents in one bundle, and collapses an exact repeat', async () => {
    const writer = new BulkCsvWriter(tempDir());
    const item = { id: 'a', name: 'A', kind: 'HUMAN' as const };
    await writer.add({ principals: [item, item] });
    const error = await writer.add({ principals: [item, { ...item, name: 'B' }] }).catch((e: unknown) => e);
    expect((error as LineageError).problems[0]!.path).toBe('bundle[1].principals[1]');
    expect((await writer.finish()).counts.principals).toBe(1);
  });
});

describe('utcDateTime', () => {
  it('moves an instant to UTC as the model-load query does, keeping every fractional digit', () => {
    expect(utcDateTime('2026-03-01T01:00:00.123456789+01:00')).toBe('2026-03-01T00:00:00.123456789Z');
    expect(utcDateTime('2026-03-01T00:00:00Z')).toBe('2026-03-01T00:00:00Z');
    expect(utcDateTime('2026-02-28T23:30:00-01:00')).toBe('2026-03-01T00:30:00Z');
  });
});

describe('the import tool and the post-import step', () => {
  it('passes the database name before the list options, and names only multi-line files as such', () => {
    const args = importArguments(
      [
        { kind: 'nodes', name: 'Run', files: ['/x/nodes-Run.csv', '/y/nodes-Run.csv'], rows: 2, multiline: true },
        { kind: 'relationships', name: 'OF_NODE', files: ['/x/rels.csv'], rows: 2, multiline: false },
        { kind: 'nodes', name: 'Stage', files: ['/x/nodes-Stage.csv'], rows: 0, multiline: false },
      ],
      '/x/report',
    );
    expect(args.slice(0, 4)).toEqual(['database', 'import', 'full', 'neo4j']);
    expect(args).toContain('--multiline-fields=/x/nodes-Run.csv,/y/nodes-Run.csv');
    expect(args).toContain('--nodes=Run=/x/nodes-Run.csv,/y/nodes-Run.csv');
    expect(args).toContain('--relationships=OF_NODE=/x/rels.csv');
    expect(args.some((arg) => arg.includes('Stage'))).toBe(false);
  });

  it('gives every label that carries tags its empty list after the import', () => {
    const query = fs.readFileSync(path.join(CYPHER_DIR, 'bulk', 'empty-tags.cypher'), 'utf8');
    const fixed = [...query.matchAll(/MATCH \(n:(\w+)\)/g)].map((m) => m[1]);
    expect(fixed.sort()).toEqual([...TAGGED_LABELS].sort());
  });
});
