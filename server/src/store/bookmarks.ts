/**
 * Causal consistency across instances (Neo4j bookmarks). A response to a request that wrote
 * carries `X-Lineage-Bookmark`: the bookmarks of its write transactions, as base64url JSON. A
 * client sends it back on its next request, to any instance: that request's transactions
 * start only once the database (a follower, behind `neo4j://` routing) has those writes. The
 * value is HMAC-signed (a key every instance derives from the shared JWT secret), so a client
 * cannot hand Neo4j a bookmark the service did not issue, e.g. one far in the future that
 * would hold a connection until Neo4j's bookmark wait times out.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, LineageError } from '../errors';

export const BOOKMARK_HEADER = 'X-Lineage-Bookmark';
/** Bookmarks kept per request: a few writes' worth (the newest of one database covers the older). */
const MAX_BOOKMARKS = 16;
const MAX_HEADER = 4096;
const MAX_BOOKMARK = 512;
const SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/;

/** The signing key of bookmark headers, derived from a secret every instance shares. */
export function bookmarkKey(sharedSecret: Uint8Array): Buffer {
  return createHmac('sha256', sharedSecret).update('ion-lineage/x-lineage-bookmark/1').digest();
}

const sign = (payload: string, key: Buffer) => createHmac('sha256', key).update(payload).digest('base64url');

/** The bookmarks one request waits for, and those its writes produced. */
export interface BookmarkScope {
  given: string[];
  written: string[];
}

function refuse(message: string): LineageError {
  return new LineageError(ErrorCode.BAD_USER_INPUT, `${BOOKMARK_HEADER}: ${message}`, [{ path: BOOKMARK_HEADER, message }], 400);
}

/** Parses the header (absent: none); BAD_USER_INPUT naming it when it is not one this service wrote. */
export function parseBookmarkHeader(value: string | undefined, key: Buffer): string[] {
  if (value === undefined || value === '') return [];
  if (value.length > MAX_HEADER || !SHAPE.test(value)) throw refuse('send back the value a response carried, unchanged');
  const [payload, signature] = value.split('.') as [string, string];
  const expected = Buffer.from(sign(payload, key));
  if (!timingSafeEqual(Buffer.from(signature), expected)) throw refuse('not a bookmark this service issued (signature)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a bookmark this service wrote');
  }
  if (!Array.isArray(parsed) || parsed.length > MAX_BOOKMARKS || !parsed.every((b) => typeof b === 'string' && b.length > 0 && b.length <= MAX_BOOKMARK)) {
    throw refuse('not a bookmark this service wrote');
  }
  return parsed as string[];
}

/** The header value for a request's written bookmarks: base64url JSON, a dot, its HMAC. */
export function formatBookmarkHeader(bookmarks: readonly string[], key: Buffer): string {
  const payload = Buffer.from(JSON.stringify(bookmarks.slice(-MAX_BOOKMARKS)), 'utf8').toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

/** Adds a write's bookmarks to the request's (deduplicated, the newest kept). */
export function noteWritten(scope: BookmarkScope, bookmarks: readonly string[]): void {
  scope.written = [...new Set([...scope.written, ...bookmarks])].slice(-MAX_BOOKMARKS);
}

/** A bookmark Neo4j does not know is the client's error, named by the header it came in. */
export function invalidBookmarkError(): LineageError {
  return refuse('Neo4j does not know this bookmark (from another database or cluster?)');
}
