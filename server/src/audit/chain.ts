import { createHash, createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What a chain entry records: an access (read, write, export, refused), an approval's content, or the seal that keys an older unkeyed chain. */
export type AuditKind = 'access' | 'approval' | 'seal';

/**
 * How an entry is hashed. `hmac-sha256`: HMAC under the server's audit chain key, over the
 * body including `alg` (every entry written now). `null`: a legacy entry from before the chain
 * was keyed, plain SHA-256 over the body without `alg`; accepted only as a prefix of the chain.
 */
export type ChainAlg = 'hmac-sha256' | null;
export const KEYED_ALG = 'hmac-sha256';

/**
 * One entry of the tamper-evident log, exactly the fields its hash covers. Optional values are
 * `null` (never absent), so an entry read back from Neo4j (which does not store nulls)
 * canonicalizes to the same bytes it was hashed from.
 */
export interface ChainBody {
  seq: number;
  id: string;
  kind: AuditKind;
  /** ISO-8601 time of the access (or of chaining, for approvals). */
  at: string;
  principalId: string | null;
  principalName: string | null;
  via: string | null;
  tokenId: string | null;
  /** `read`, `write`, `export` or `approval`. */
  action: string | null;
  /** The GraphQL field or REST route, e.g. `why`, `ingestPredictions`, `POST /api/v1/lineage`. */
  operation: string | null;
  /** The client's own name for the operation, when it sent one. */
  operationName: string | null;
  targetIds: string[];
  clientIp: string | null;
  userAgent: string | null;
  requestId: string | null;
  /** Canonical JSON of anything else (counts, the approval's content). */
  details: string | null;
  approvalId: string | null;
  /** The hash of the entry before (null for the first). */
  prevHash: string | null;
  alg: ChainAlg;
  /**
   * The instance chain the entry belongs to; null (or absent) for the default chain, whose seqs
   * run 1, 2, 3… Several service instances each append to a chain of their own (AUDIT_CHAIN_ID),
   * with seqs from blocks they reserve, so they never wait on one another's head.
   */
  chain?: string | null;
  /** In an instance chain: the seq of the chain's entry before (null for its first). */
  prevSeq?: number | null;
}

/** A stored entry: its body and the hash over it. */
export interface ChainEntry extends ChainBody {
  hash: string;
}

const BODY_KEYS: ReadonlyArray<keyof ChainBody> = [
  'seq',
  'id',
  'kind',
  'at',
  'principalId',
  'principalName',
  'via',
  'tokenId',
  'action',
  'operation',
  'operationName',
  'targetIds',
  'clientIp',
  'userAgent',
  'requestId',
  'details',
  'approvalId',
  'prevHash',
];

/** RFC 8785 canonical JSON of a value (keys sorted, numbers and strings in one spelling). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be canonicalized');
  return text;
}

/** The legacy, unkeyed scheme: SHA-256 (hex) over the canonical JSON of the body's fields without `alg`. */
export function legacyHash(body: ChainBody): string {
  const picked: Record<string, unknown> = {};
  for (const key of BODY_KEYS) picked[key] = body[key] ?? null;
  return createHash('sha256').update(canonicalJson(picked), 'utf8').digest('hex');
}

/**
 * The hash an entry must carry: HMAC-SHA256 (hex) under `key` over the canonical JSON of the
 * body's fields, `alg` and previous hash included, for keyed entries; the legacy SHA-256 for
 * entries without `alg`. Only the key's holder can compute a keyed hash, so a database writer
 * who rewrites an entry cannot recompute the chain after it.
 */
export function hashBody(body: ChainBody, key: Buffer): string {
  if (body.alg !== KEYED_ALG) return legacyHash(body);
  const picked: Record<string, unknown> = { alg: body.alg };
  for (const name of BODY_KEYS) picked[name] = body[name] ?? null;
  // Only instance-chain entries carry these, so default-chain hashes are unchanged; stripping
  // them from a stored entry changes what is hashed, and the HMAC no longer matches.
  if (body.chain != null) Object.assign(picked, { chain: body.chain, prevSeq: body.prevSeq ?? null });
  return createHmac('sha256', key).update(canonicalJson(picked), 'utf8').digest('hex');
}

/** Reads a stored entry (a node's properties) back into the exact shape that was hashed. */
export function entryFromStore(properties: Record<string, unknown>): ChainEntry {
  const text = (key: string) => (typeof properties[key] === 'string' ? (properties[key] as string) : properties[key] == null ? null : String(properties[key]));
  return {
    seq: Number(properties.seq),
    id: String(properties.id),
    kind: properties.kind as AuditKind,
    at: String(properties.at),
    principalId: text('principalId'),
    principalName: text('principalName'),
    via: text('via'),
    tokenId: text('tokenId'),
    action: text('action'),
    operation: text('operation'),
    operationName: text('operationName'),
    targetIds: Array.isArray(properties.targetIds) ? properties.targetIds.map(String) : [],
    clientIp: text('clientIp'),
    userAgent: text('userAgent'),
    requestId: text('requestId'),
    details: text('details'),
    approvalId: text('approvalId'),
    prevHash: text('prevHash'),
    chain: text('chain'),
    prevSeq: properties.prevSeq == null ? null : Number(properties.prevSeq),
    alg: properties.alg === KEYED_ALG ? KEYED_ALG : properties.alg == null ? null : (String(properties.alg) as ChainAlg),
    hash: String(properties.hash),
  };
}

/** Why a chain check failed at an entry. */
export type ChainBreak =
  | 'HASH_MISMATCH'
  | 'BROKEN_LINK'
  | 'APPROVAL_CHANGED'
  | 'DOWNGRADED'
  | 'ACCESS_INDEX_MISMATCH'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_INVALID'
  | 'TRUNCATED'
  | 'HEAD_MISMATCH';

/** Checks one entry alone: keyed, and its stored hash is the HMAC of its stored body under `key`. */
export function checkEntry(entry: ChainEntry, key: Buffer): { reason: ChainBreak; message: string } | undefined {
  if (entry.alg !== KEYED_ALG)
    return { reason: 'DOWNGRADED', message: `entry ${entry.seq} is not keyed (alg ${entry.alg ?? 'none'}): it cannot be verified on its own` };
  const recomputed = hashBody(entry, key);
  if (recomputed !== entry.hash)
    return { reason: 'HASH_MISMATCH', message: `stored hash ${entry.hash} is not the HMAC of the stored content under the audit chain key` };
  return undefined;
}

/**
 * Checks one entry against the one before it: the sequence continues, the link names the
 * previous hash, the entry is keyed once any entry before it was (no downgrade to the legacy
 * scheme), and the stored hash is the hash of the stored body.
 */
export function checkLink(
  entry: ChainEntry,
  previous: { seq: number; hash: string | null; alg?: ChainAlg },
  key: Buffer,
): { reason: ChainBreak; message: string } | undefined {
  if (entry.chain != null) return checkInstanceLink(entry, previous, key);
  if (entry.seq !== previous.seq + 1) {
    return { reason: 'BROKEN_LINK', message: `expected seq ${previous.seq + 1} after ${previous.seq}, found ${entry.seq} (entries missing or renumbered)` };
  }
  if (entry.prevHash !== previous.hash) {
    return { reason: 'BROKEN_LINK', message: `prevHash ${entry.prevHash ?? 'null'} does not name the previous entry's hash ${previous.hash ?? 'null'}` };
  }
  if (entry.alg !== KEYED_ALG && previous.alg === KEYED_ALG) {
    return {
      reason: 'DOWNGRADED',
      message: `entry ${entry.seq} uses the unkeyed scheme (alg ${entry.alg ?? 'none'}) after keyed entries: rewritten by someone without the audit chain key`,
    };
  }
  if (entry.alg !== KEYED_ALG && entry.alg !== null) return { reason: 'HASH_MISMATCH', message: `unknown hash algorithm ${entry.alg}` };
  const recomputed = hashBody(entry, key);
  if (recomputed !== entry.hash) {
    return {
      reason: 'HASH_MISMATCH',
      message:
        entry.alg === KEYED_ALG
          ? `stored hash ${entry.hash} is not the HMAC of the stored content under the audit chain key (content changed, or a different key)`
          : `stored hash ${entry.hash} but the content hashes to ${recomputed}`,
    };
  }
  return undefined;
}

/** `checkLink` for an instance chain: keyed always, linked by prevSeq and prevHash (its seqs have gaps). */
function checkInstanceLink(
  entry: ChainEntry,
  previous: { seq: number; hash: string | null },
  key: Buffer,
): { reason: ChainBreak; message: string } | undefined {
  const expected = previous.seq === 0 ? null : previous.seq;
  if ((entry.prevSeq ?? null) !== expected || entry.seq <= previous.seq) {
    return {
      reason: 'BROKEN_LINK',
      message: `chain ${entry.chain}: entry ${entry.seq} names ${entry.prevSeq ?? 'no'} entry before it, but the chain's entry before is ${expected ?? 'none'} (entries missing or renumbered)`,
    };
  }
  if (entry.prevHash !== previous.hash) {
    return {
      reason: 'BROKEN_LINK',
      message: `chain ${entry.chain}: prevHash ${entry.prevHash ?? 'null'} does not name the previous entry's hash ${previous.hash ?? 'null'}`,
    };
  }
  return checkEntry(entry, key);
}
