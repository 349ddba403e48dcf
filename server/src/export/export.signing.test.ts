import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ExportManifest, ExportSigner, sha256Hex, verifyEnvelope } from './export.signing';

const signer = new ExportSigner(generateKeyPairSync('ed25519').privateKey);
const content = '{"root":"p","nodes":[],"edges":[]}';
const manifest: ExportManifest = {
  format: 'ion-lineage-export/1',
  query: 'exportSubgraph',
  parameters: { rootId: 'p', depth: 2 },
  generatedAt: '2026-03-01T00:00:00.000Z',
  generatedBy: { id: 'u', name: 'U', roles: ['AUDITOR'] },
  contentType: 'application/json',
  contentSha256: sha256Hex(content),
  contentBytes: Buffer.byteLength(content),
  counts: { nodes: 0, edges: 0, nodesByType: {} },
  omitted: { restricted: 0, unreachable: 0, aggregated: 0, groups: [], nodeLimitReached: false },
  masked: 0,
  signature: { algorithm: 'Ed25519', keyId: signer.keyId },
};
const envelope = { manifest, signature: signer.sign(manifest), content };

describe('export signatures', () => {
  it('verify with the public key, whatever the key order of the manifest', () => {
    expect(verifyEnvelope(envelope, signer.publicKeyPem).ok).toBe(true);
    const reordered = JSON.parse(JSON.stringify({ ...envelope, manifest: Object.fromEntries(Object.entries(manifest).reverse()) }));
    expect(verifyEnvelope(reordered, signer.publicKeyPem).ok).toBe(true);
  });

  it('fail when the content, the manifest or the key differ, saying which', () => {
    const tampered = verifyEnvelope({ ...envelope, content: content.replace('p', 'q') }, signer.publicKeyPem);
    expect(tampered.ok).toBe(false);
    expect(tampered.checks.contentDigest).toBe(false);
    const forged = verifyEnvelope({ ...envelope, manifest: { ...manifest, generatedBy: { ...manifest.generatedBy, name: 'Mallory' } } }, signer.publicKeyPem);
    expect(forged.checks).toMatchObject({ contentDigest: true, signature: false });
    const other = new ExportSigner(generateKeyPairSync('ed25519').privateKey);
    expect(verifyEnvelope(envelope, other.publicKeyPem).checks).toMatchObject({ signature: false, keyId: false });
  });

  it('refuses keys that are not Ed25519', () => {
    expect(() => new ExportSigner(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey)).toThrow(/Ed25519/);
  });
});
