/** Errors the SDK raises. Every one says what happened and what the caller can do. */
import type { FieldProblem } from '@ion-lineage/contract';

/** Base class of the SDK's errors. */
export class LineageClientError extends Error {
  override name = 'LineageClientError';
}

/**
 * The durable spool holds `maxSpoolBytes` already: the server has not confirmed deliveries
 * for a while. The item was NOT recorded; keep it, slow down, or raise the limit.
 */
export class SpoolFullError extends LineageClientError {
  override name = 'SpoolFullError';
  constructor(
    readonly spoolBytes: number,
    readonly maxSpoolBytes: number,
  ) {
    super(`Lineage spool is full (${spoolBytes} of ${maxSpoolBytes} bytes not yet confirmed by the server); the item was not recorded`);
  }
}

/**
 * More than `maxQueue` records wait to be written to disk: the caller records faster than the
 * disk takes them. The item was NOT recorded; `await client.writable()` and record it again.
 */
export class QueueFullError extends LineageClientError {
  override name = 'QueueFullError';
  constructor(readonly queued: number) {
    super(`Lineage queue is full (${queued} records wait for the disk); await client.writable() before recording more`);
  }
}

/** The client was closed (or failed to open its spool); nothing more can be recorded. */
export class ClientClosedError extends LineageClientError {
  override name = 'ClientClosedError';
}

/** Another live process holds the spool directory. */
export class SpoolLockedError extends LineageClientError {
  override name = 'SpoolLockedError';
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`Spool directory ${dir} is in use by process ${pid}; give each client its own spoolDir`);
  }
}

/** Writing to the spool failed (disk full, I/O error): the records of that write are not durable. */
export class SpoolWriteError extends LineageClientError {
  override name = 'SpoolWriteError';
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/** One field problem as the server reports it (the contract's `FieldProblem`). */
export type ServerProblem = FieldProblem;

/**
 * A delivery the server did not accept. `transient` failures (network, HTTP 5xx, an unreachable
 * graph) are retried; others (BAD_USER_INPUT, CONFLICT, ...) are not.
 */
export class DeliveryError extends LineageClientError {
  override name = 'DeliveryError';
  constructor(
    message: string,
    /** The server's error code, or NETWORK / HTTP_<status> when there was no GraphQL answer. */
    readonly code: string,
    readonly transient: boolean,
    readonly status?: number,
    readonly problems: ServerProblem[] = [],
  ) {
    super(message);
  }
}
