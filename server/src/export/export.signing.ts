import type { RESTRICTED_DATA_RULES } from '../classification/restricted.policy';
import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { ed25519KeyFrom } from '../secret-file';

/** What an export file holds: the content as exact text, its manifest, and the manifest's signature. */
export interface ExportEnvelope {
  manifest: ExportManifest;
  /** Ed25519 over the RFC 8785 canonical JSON of `manifest`, base64. */
  signature: string;
  content: string;
}

/** Describes and pins one export; `contentSha256` ties it to the content. */
export interface ExportManifest {
  format: 'ion-lineage-export/1';
  query: string;
  parameters: Record<string, unknown>;
  generatedAt: string;
  generatedBy: { id: string; name: string; roles: string[] };
  contentType: string;
  contentSha256: string;
  contentBytes: number;
  counts: { nodes: number; edges: number; nodesByType: Record<string, number> };
  omitted: {
    /** Nodes left out because the caller may not see them (restricted predictions). */
    restricted: number;
    /** Nodes left out because they were reachable only through restricted ones (with the neighbour groups counted behind them). */
    unreachable: number;
    /** Neighbours counted but not exported (groups larger than `neighbourLimit`). */
    aggregated: number;
    groups: Array<{ nodeId: string; relType: string; type: string; count: number }>;
    /** True when the walk stopped at its node limit. */
    nodeLimitReached: boolean;
  };
  /** Predictions whose subject key and inputs are masked in the content. */
  masked: number;
  /** For a caller without clearance: what the content holds instead of restricted data (keyed hashes, withheld values). */
  restrictedData?: typeof RESTRICTED_DATA_RULES;
  signature: { algorithm: 'Ed25519'; keyId: string };
}

/** The canonical bytes that are signed. */
export function manifestBytes(manifest: ExportManifest): Buffer {
  return Buffer.from(canonicalize(manifest) ?? '', 'utf8');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A short, stable id of a public key: the first 16 hex digits of the SHA-256 of its SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Signs export manifests with one Ed25519 key. */
export class ExportSigner {
  readonly publicKey: KeyObject;
  readonly keyId: string;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The export signing key must be an Ed25519 private key');
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
  }

  /** The public key as PEM (SPKI), for verifiers. */
  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(manifest: ExportManifest): string {
    return sign(null, manifestBytes(manifest), this.privateKey).toString('base64');
  }
}

/**
 * The signing key: `EXPORT_SIGNING_KEY` (an Ed25519 private key, PKCS#8 PEM) when set, else a key
 * generated once and kept in `export-ed25519.pem` under KEYS_DIR, so signatures made before a
 * restart still verify with the served public key.
 */
export function loadExportSigner(env: NodeJS.ProcessEnv = process.env): ExportSigner {
  return new ExportSigner(ed25519KeyFrom(env.EXPORT_SIGNING_KEY, 'export-ed25519.pem', env));
}

/** Standard base64 with padding, as the signer writes it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * What is wrong with the signature's encoding: it must be canonical base64 (padding, no junk, no spare
 * bits): Node's decoder skips junk characters, so a signature with text spliced in still verified.
 */
export function signatureEncodingProblem(signature: string): string | undefined {
  if (!BASE64.test(signature) || Buffer.from(signature, 'base64').toString('base64') !== signature) {
    return 'signature: not canonical base64 (only A–Z a–z 0–9 + /, padded with = to a multiple of 4, no spaces or other characters)';
  }
  return undefined;
}

/** The outcome of checking an export file. */
export interface Verification {
  ok: boolean;
  checks: { contentDigest: boolean; contentLength: boolean; signature: boolean; keyId: boolean };
  problems: string[];
}

/** Checks an export offline: the content matches the manifest, and the manifest's signature verifies. */
export function verifyEnvelope(envelope: ExportEnvelope, publicKeyPem: string): Verification {
  const problems: string[] = [];
  const publicKey = createPublicKey(publicKeyPem);
  const content = typeof envelope.content === 'string' ? envelope.content : '';
  const contentDigest = sha256Hex(content) === envelope.manifest?.contentSha256;
  if (!contentDigest) problems.push('content: its SHA-256 differs from manifest.contentSha256 (the content was changed)');
  const contentLength = Buffer.byteLength(content, 'utf8') === envelope.manifest?.contentBytes;
  if (!contentLength) problems.push('content: its length differs from manifest.contentBytes');
  const keyId = envelope.manifest?.signature?.keyId === keyIdOf(publicKey);
  if (!keyId) problems.push(`manifest.signature.keyId '${envelope.manifest?.signature?.keyId}' is not the id of this public key (${keyIdOf(publicKey)})`);
  let signature = false;
  const encoding = typeof envelope.signature === 'string' ? signatureEncodingProblem(envelope.signature) : 'signature: must be a string';
  try {
    signature = !encoding && verify(null, manifestBytes(envelope.manifest), publicKey, Buffer.from(envelope.signature, 'base64'));
  } catch {
    signature = false;
  }
  if (encoding) problems.push(encoding);
  else if (!signature) problems.push('signature: does not verify over the manifest with this public key (the manifest was changed or signed by another key)');
  return { ok: problems.length === 0, checks: { contentDigest, contentLength, signature, keyId }, problems };
}
