/**
 * Causal consistency across instances (Neo4j bookmarks). A response to a request that wrote
 * carries `X-Lineage-Bookmark`: the bookmarks of its write transactions, as base64url JSON. A
 * client sends it back on its next request, to any instance: that request's transactions
 * start only once the database (a follower, behind `neo4j://` routing) has those writes.
 */
import { ErrorCode, LineageError } from '../errors';

export const BOOKMARK_HEADER = 'X-Lineage-Bookmark';
/** Bookmarks kept per request: a few writes' worth (the newest of one database covers the older). */
const MAX_BOOKMARKS = 16;
const MAX_HEADER = 4096;
const MAX_BOOKMARK = 512;

/** The bookmarks one request waits for, and those its writes produced. */
export interface BookmarkScope {
  given: string[];
  written: string[];
}

function refuse(message: string): LineageError {
  return new LineageError(ErrorCode.BAD_USER_INPUT, `${BOOKMARK_HEADER}: ${message}`, [{ path: BOOKMARK_HEADER, message }], 400);
}

/** Parses the header (absent: none); BAD_USER_INPUT naming it when it is not one this service wrote. */
export function parseBookmarkHeader(value: string | undefined): string[] {
  if (value === undefined || value === '') return [];
  if (value.length > MAX_HEADER || !/^[A-Za-z0-9_-]+$/.test(value)) throw refuse('send back the value a response carried (base64url)');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw refuse('not a bookmark this service wrote');
  }
  if (!Array.isArray(parsed) || parsed.length > MAX_BOOKMARKS || !parsed.every((b) => typeof b === 'string' && b.length > 0 && b.length <= MAX_BOOKMARK)) {
    throw refuse('not a bookmark this service wrote');
  }
  return parsed as string[];
}

/** The header value for a request's written bookmarks. */
export function formatBookmarkHeader(bookmarks: readonly string[]): string {
  return Buffer.from(JSON.stringify(bookmarks.slice(-MAX_BOOKMARKS)), 'utf8').toString('base64url');
}

/** Adds a write's bookmarks to the request's (deduplicated, the newest kept). */
export function noteWritten(scope: BookmarkScope, bookmarks: readonly string[]): void {
  scope.written = [...new Set([...scope.written, ...bookmarks])].slice(-MAX_BOOKMARKS);
}

/** A bookmark Neo4j does not know is the client's error, named by the header it came in. */
export function invalidBookmarkError(): LineageError {
  return refuse('Neo4j does not know this bookmark (from another database or cluster?)');
}
