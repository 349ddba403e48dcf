import { describe, expect, it } from 'vitest';
import { LineageError } from '../errors';
import { type CursorKey, checkFirst, compareKeys, decodeCursor, encodeCursor, pageAfter, pageOfFetched } from './paging';

const items = [
  { id: 'd', at: '2026-03-04T00:00:00.000Z' },
  { id: 'c', at: '2026-03-03T00:00:00.000Z' },
  { id: 'b2', at: '2026-03-02T00:00:00.000Z' },
  { id: 'b1', at: '2026-03-02T00:00:00.000Z' },
  { id: 'a', at: '2026-03-01T00:00:00.000Z' },
];
const key = (item: { id: string; at: string }): CursorKey => [item.at, item.id];

describe('cursors', () => {
  it('round-trips a sort key through an opaque string', () => {
    const cursor = encodeCursor(['2026-03-02T00:00:00.000Z', 'mv-1']);
    expect(cursor).not.toContain('mv-1');
    expect(decodeCursor(cursor)).toEqual(['2026-03-02T00:00:00.000Z', 'mv-1']);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor(null)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it.each([
    'not-base64!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('["x"]').toString('base64url'),
  ])('rejects a forged cursor %s as BAD_USER_INPUT', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(LineageError);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as LineageError).code).toBe('BAD_USER_INPUT');
    }
  });

  it('orders by value, then id, in either direction', () => {
    expect(compareKeys(['2', 'a'], ['1', 'z'], 'ASC')).toBeGreaterThan(0);
    expect(compareKeys(['1', 'b'], ['1', 'a'], 'DESC')).toBeLessThan(0);
    expect(compareKeys(['1', 'a'], ['1', 'a'], 'ASC')).toBe(0);
  });
});

describe('pageAfter', () => {
  it('walks a newest-first list in keyset pages without gaps or repeats, ties broken by id', () => {
    const seen: string[] = [];
    let after: CursorKey | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page = pageAfter(items, key, 2, after, 'DESC');
      seen.push(...page.items.map((item) => item.id));
      if (!page.hasNextPage) break;
      after = decodeCursor(page.endCursor);
    }
    expect(seen).toEqual(['d', 'c', 'b2', 'b1', 'a']);
  });

  it('stays right when an item newer than the cursor appears between pages', () => {
    const first = pageAfter(items, key, 2, null, 'DESC');
    const grown = [{ id: 'e', at: '2026-03-05T00:00:00.000Z' }, ...items];
    const second = pageAfter(grown, key, 2, decodeCursor(first.endCursor), 'DESC');
    expect(second.items.map((item) => item.id)).toEqual(['b2', 'b1']);
  });

  it('returns an empty last page after the final cursor', () => {
    const page = pageAfter(items, key, 5, ['2026-03-01T00:00:00.000Z', 'a'], 'DESC');
    expect(page).toEqual({ items: [], cursors: [], hasNextPage: false, endCursor: null });
  });
});

describe('pageOfFetched', () => {
  it('reads the extra row of LIMIT first + 1 as "there is a next page"', () => {
    expect(pageOfFetched(items.slice(0, 3), key, 2).hasNextPage).toBe(true);
    expect(pageOfFetched(items.slice(0, 2), key, 2).hasNextPage).toBe(false);
  });
});

describe('checkFirst', () => {
  it('accepts 1..max and rejects the rest', () => {
    expect(checkFirst(1, 10)).toBe(1);
    expect(() => checkFirst(0, 10)).toThrow(/between 1 and 10/);
    expect(() => checkFirst(11, 10)).toThrow(LineageError);
    expect(() => checkFirst(1.5, 10)).toThrow(LineageError);
  });
});
