import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** What a chain entry records: an access (read, write, export) or an approval's content. */
export type AuditKind = 'access' | 'approval';

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
}

/** A stored entry: its body and the hash over it. */
export interface ChainEntry extends ChainBody {
  hash: string;
}

const BODY_KEYS: ReadonlyArray<keyof ChainBody> = [
  'seq', 'id', 'kind', 'at', 'principalId', 'principalName', 'via', 'tokenId', 'action', 'operation',
  'operationName', 'targetIds', 'clientIp', 'userAgent', 'requestId', 'details', 'approvalId', 'prevHash',
];

/** RFC 8785 canonical JSON of a value (keys sorted, numbers and strings in one spelling). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Value cannot be canonicalized');
  return text;
}

/** SHA-256 (hex) over the canonical JSON of exactly the body's fields, previous hash included. */
export function hashBody(body: ChainBody): string {
  const picked: Record<string, unknown> = {};
  for (const key of BODY_KEYS) picked[key] = body[key] ?? null;
  return createHash('sha256').update(canonicalJson(picked), 'utf8').digest('hex');
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
    hash: String(properties.hash),
  };
}

/** Why a chain check failed at an entry. */
export type ChainBreak = 'HASH_MISMATCH' | 'BROKEN_LINK' | 'APPROVAL_CHANGED';

/**
 * Checks one entry against the one before it: the sequence continues, the link names the
 * previous hash, and the stored hash is the hash of the stored body.
 */
export function checkLink(entry: ChainEntry, previous: { seq: number; hash: string | null }): { reason: ChainBreak; message: string } | undefined {
  if (entry.seq !== previous.seq + 1) {
    return { reason: 'BROKEN_LINK', message: `expected seq ${previous.seq + 1} after ${previous.seq}, found ${entry.seq} (entries missing or renumbered)` };
  }
  if (entry.prevHash !== previous.hash) {
    return { reason: 'BROKEN_LINK', message: `prevHash ${entry.prevHash ?? 'null'} does not name the previous entry's hash ${previous.hash ?? 'null'}` };
  }
  const recomputed = hashBody(entry);
  if (recomputed !== entry.hash) {
    return { reason: 'HASH_MISMATCH', message: `stored hash ${entry.hash} but the content hashes to ${recomputed}` };
  }
  return undefined;
}
