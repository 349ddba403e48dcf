import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { BookmarkScope } from '../store/bookmarks';

/** What every log line caused by one request carries. */
export interface RequestScope {
  requestId: string;
  /** The request's Neo4j bookmarks (X-Lineage-Bookmark), which the executor waits for and adds to. */
  bookmarks?: BookmarkScope;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** A client's own request id is kept when it is short and plain; anything else gets a fresh one. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The request id for a request: the client's `x-request-id` when usable, else a new UUID. */
export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

/** Runs `work` (and everything it starts) inside a request's scope. */
export function runInScope<T>(requestScope: RequestScope, work: () => T): T {
  return scope.run(requestScope, work);
}

/** The scope of the request being served here, if any. */
export function currentScope(): RequestScope | undefined {
  return scope.getStore();
}

/**
 * A logger that adds the current request's id to every line, whichever code logs it (a
 * service, the error formatter, the driver observer), as long as it runs inside the request.
 */
export function scopedLogger(logger: Logger): Logger {
  return logger.child({}, { formatters: { log: (line: object) => ({ requestId: scope.getStore()?.requestId, ...line }) } });
}
