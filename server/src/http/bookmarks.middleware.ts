import type { RequestHandler, Response } from 'express';
import { runInScope } from '../ops/request-scope';
import { BOOKMARK_HEADER, type BookmarkScope, formatBookmarkHeader, parseBookmarkHeader } from '../store/bookmarks';
import { sendRestError } from './rest-errors';

/** The bookmark scope a request runs in (kept on `res.locals` so later middleware can re-enter it). */
export function bookmarksOf(res: Response): BookmarkScope | undefined {
  return res.locals.bookmarks as BookmarkScope | undefined;
}

/**
 * Reads `X-Lineage-Bookmark` (400 BAD_USER_INPUT naming it when malformed or not signed with `key`), runs the rest of the
 * request in a scope the executor waits for and adds its writes' bookmarks to, and answers
 * those in the same header, set just before the headers leave (whichever route answers).
 */
export const bookmarkScope =
  (key: Buffer): RequestHandler =>
  (req, res, next) => {
    let scope: BookmarkScope;
    try {
      scope = { given: parseBookmarkHeader(req.header(BOOKMARK_HEADER), key), written: [] };
    } catch (error) {
      return sendRestError(res, error);
    }
    res.locals.bookmarks = scope;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      if (scope.written.length) res.setHeader(BOOKMARK_HEADER, formatBookmarkHeader(scope.written, key));
      return writeHead(...args);
    }) as typeof res.writeHead;
    runInScope({ requestId: String(res.locals.requestId), bookmarks: scope }, next);
  };
