import { ErrorCode, LineageError } from '../errors';

/** The sort key of one item: its sort value (an ISO time or a name) and its id as tie-breaker. */
export type CursorKey = readonly [value: string, id: string];

/** Lexicographic order of ISO-8601 UTC strings is time order, so one comparison serves both. */
export type SortDirection = 'ASC' | 'DESC';

/** Later than any stored time: the "before" bound of a first page in newest-first order. */
export const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

/** Encodes a sort key as an opaque cursor (base64url of a JSON pair). */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; anything else is the client's mistake. */
export function decodeCursor(cursor: string | null | undefined): CursorKey | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((part) => typeof part === 'string')) {
    throw new LineageError(ErrorCode.BAD_USER_INPUT, 'after: not a cursor returned by this API', [{ path: 'after', message: 'invalid cursor' }]);
  }
  return [parsed[0], parsed[1]] as const;
}

/** Compares two keys in the given direction: negative when `a` comes first. */
export function compareKeys(a: CursorKey, b: CursorKey, direction: SortDirection): number {
  const byValue = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
  return direction === 'ASC' ? byValue : -byValue;
}

/** Checks a page size argument: 1..max. */
export function checkFirst(first: number, max: number, path = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > max) {
    throw new LineageError(ErrorCode.BAD_USER_INPUT, `${path} must be between 1 and ${max}`, [{ path, message: `must be between 1 and ${max}` }]);
  }
  return first;
}

export interface Page<T> {
  items: T[];
  cursors: string[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * One page of an already sorted list: the first `first` items strictly after the cursor.
 * Keyset, not offset, so a page stays right when items are added before it.
 */
export function pageAfter<T>(sorted: readonly T[], keyOf: (item: T) => CursorKey, first: number, after: CursorKey | null, direction: SortDirection): Page<T> {
  const start = after === null ? 0 : sorted.findIndex((item) => compareKeys(keyOf(item), after, direction) > 0);
  const rest = start < 0 ? [] : sorted.slice(start);
  return pageOfFetched(rest, keyOf, first);
}

/** A page from rows fetched with `LIMIT first + 1` after the cursor: the extra row means "more". */
export function pageOfFetched<T>(rows: readonly T[], keyOf: (item: T) => CursorKey, first: number): Page<T> {
  const items = rows.slice(0, first);
  const cursors = items.map((item) => encodeCursor(keyOf(item)));
  return { items, cursors, hasNextPage: rows.length > first, endCursor: cursors.at(-1) ?? null };
}
