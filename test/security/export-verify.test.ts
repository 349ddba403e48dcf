/**
 * Finding 8 (exports): `verify-export` accepted extra top-level members, a duplicated
 * `"content"` key (JSON.parse keeps the last, so a forged first copy, the one a reader sees,
 * passed) and junk characters inside the base64 signature. Each forged file must be INVALID,
 * with a problem naming what is wrong.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envelopeFile } from '../../server/src/export/export.envelope';
import { verifyExportFile } from '../../server/src/export/export.file';
import { type ExportManifest, ExportSigner, sha256Hex } from '../../server/src/export/export.signing';

const signer = new ExportSigner(generateKeyPairSync('ed25519').privateKey);
const content = '{"root":"p","nodes":[{"id":"p","type":"Prediction"}],"edges":[]}';
const manifest: ExportManifest = {
  format: 'ion-lineage-export/1',
  query: 'exportSubgraph',
  parameters: { rootId: 'p', depth: 2 },
  generatedAt: '2026-03-01T00:00:00.000Z',
  generatedBy: { id: 'u', name: 'U', roles: ['AUDITOR'] },
  contentType: 'application/json',
  contentSha256: sha256Hex(content),
  contentBytes: Buffer.byteLength(content),
  counts: { nodes: 1, edges: 0, nodesByType: { Prediction: 1 } },
  omitted: { restricted: 0, unreachable: 0, aggregated: 0, groups: [], nodeLimitReached: false },
  masked: 0,
  signature: { algorithm: 'Ed25519', keyId: signer.keyId },
};
const signature = signer.sign(manifest);
const file = envelopeFile({ manifest, signature, content });
const forgedContent = JSON.stringify('{"root":"p","nodes":[{"id":"p","type":"Prediction","output":"forged"}],"edges":[]}');

/** The file with `"content": <forged>,` inserted before the genuine content member. */
const duplicateContent = file.replace('  "content":', `  "content": ${forgedContent},\n  "content":`);

/** The signature in the URL-safe alphabet; a signature with neither `+` nor `/` gets one URL-safe character, so the case never equals the original. */
function base64url(text: string): string {
  const url = text.replace(/\+/g, '-').replace(/\//g, '_');
  return url === text ? `-${text.slice(1)}` : url;
}

const cases: Array<[string, string, RegExp]> = [
  ['a duplicated "content" key (forged first copy)', duplicateContent, /duplicate key "content"/],
  ['a duplicated key inside the manifest', file.replace('"name": "U"', '"name": "Mallory", "name": "U"'), /duplicate key "name" at manifest\.generatedBy/],
  ['an unknown top-level member', file.replace('{\n', '{\n  "note": "approved by the board",\n'), /unknown top-level member "note"/],
  [
    'junk characters inside the signature',
    file.replace(`"${signature}"`, `"${signature.slice(0, 10)}!!${signature.slice(10)}"`),
    /signature: not canonical base64/,
  ],
  ['whitespace inside the signature', file.replace(`"${signature}"`, `"${signature.slice(0, 10)} ${signature.slice(10)}"`), /signature: not canonical base64/],
  ['the signature without its padding', file.replace(`"${signature}"`, `"${signature.replace(/=+$/, '')}"`), /signature: not canonical base64/],
  ['the signature in base64url', file.replace(`"${signature}"`, `"${base64url(signature)}"`), /signature: not canonical base64/],
  ['a signature with extra padding', file.replace(`"${signature}"`, `"${signature}=="`), /signature: not canonical base64/],
  ['a missing member', file.replace(/,\n {2}"content": .*\n/, '\n'), /missing member "content"/],
  ['a top level that is not an object', '[]', /not a JSON object/],
  ['text that is not JSON', '{"manifest": ', /not JSON/],
];

describe('verify-export parses strictly', () => {
  it('accepts the genuine file', () => {
    const result = verifyExportFile(file, signer.publicKeyPem);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it.each(cases)('rejects %s, naming it', (_what, text, problem) => {
    const result = verifyExportFile(text, signer.publicKeyPem);
    expect(result.ok).toBe(false);
    expect(result.problems.join('\n')).toMatch(problem);
  });

  it('the command line says INVALID and exits 1 for the duplicated content', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-export-'));
    fs.writeFileSync(path.join(dir, 'export.json'), duplicateContent);
    fs.writeFileSync(path.join(dir, 'key.pem'), signer.publicKeyPem);
    const run = promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'server/src/export/verify-cli.ts',
      path.join(dir, 'export.json'),
      '--key',
      path.join(dir, 'key.pem'),
    ]);
    const outcome = await run.then(
      (done) => ({ code: 0, stdout: done.stdout }),
      (failed: { code: number; stdout: string }) => ({ code: failed.code, stdout: failed.stdout }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/INVALID[\s\S]*duplicate key "content"/);
  }, 60_000);
});
