/**
 * `npm run verify-export -- <export file> [--key <public key PEM file or URL>]` checks a signed
 * export offline: the content's SHA-256 and length match the manifest, and the manifest's
 * Ed25519 signature verifies with the public key (from a PEM file, or fetched once from
 * GET /api/v1/export/public-key). The file is read strictly: repeated keys anywhere, members other
 * than manifest, signature and content, and a signature that is not canonical base64 make it
 * invalid. Exits 0 when valid, 1 when not, 2 on bad usage.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { parseExportFile } from './export.file';
import { verifyEnvelope } from './export.signing';

async function readKey(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`${source} answered ${response.status}`);
    return response.text();
  }
  return fs.readFileSync(source, 'utf8');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ options: { key: { type: 'string', short: 'k' }, json: { type: 'boolean' } }, allowPositionals: true });
  const [file] = positionals;
  if (!file || !values.key) {
    console.error('usage: verify-export <export file> --key <public-key.pem | http://host/api/v1/export/public-key> [--json]');
    return 2;
  }
  const key = await readKey(values.key);
  const parsed = parseExportFile(fs.readFileSync(file, 'utf8'));
  const result = parsed.envelope
    ? verifyEnvelope(parsed.envelope, key)
    : { ok: false, checks: { contentDigest: false, contentLength: false, signature: false, keyId: false }, problems: parsed.problems };
  const envelope = parsed.envelope;
  if (values.json) {
    console.log(JSON.stringify({ file, ...result }));
  } else if (result.ok && envelope) {
    const m = envelope.manifest;
    console.log(
      `OK ${file}: signed by key ${m.signature.keyId}; ${m.query} ${JSON.stringify(m.parameters)} by ${m.generatedBy.name} at ${m.generatedAt}; ${m.counts.nodes} nodes, ${m.counts.edges} edges; sha256 ${m.contentSha256}`,
    );
  } else {
    console.log(`INVALID ${file}:\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return result.ok ? 0 : 1;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`verify-export: ${(error as Error).message}`);
  return 2;
});
