/** The settings of a `LineageClient`, their defaults, and what the client reports back. */
import type { DeliveryError } from './errors.js';
import type { Part } from './parts.js';

/** Settings of a client; only `url` and `spoolDir` are required. */
export interface LineageClientOptions {
  /** The GraphQL endpoint, e.g. `http://lineage.internal:4000/graphql`. */
  url: string;
  /** Bearer token (a role with ingest rights), or a function that returns a fresh one. */
  token?: string | (() => string | Promise<string>);
  /** Directory of the durable spool; one client (process) per directory. */
  spoolDir: string;
  /** Sent as `x-ion-sdk-client`; default: an id kept in the spool directory. */
  clientId?: string;
  /** Items per request (default 2,000). */
  batchSize?: number;
  /** Bytes per request (default 8 MiB; the server takes up to 64). */
  maxBatchBytes?: number;
  /** Longest wait before a partial batch is sent (default 1 s). */
  flushIntervalMs?: number;
  /** Records waiting for the disk before `record*` throws QueueFullError (default 100,000). */
  maxQueue?: number;
  /** Unconfirmed bytes on disk before `record*` throws SpoolFullError (default 1 GiB). */
  maxSpoolBytes?: number;
  /** Size at which the spool starts a new segment file (default 16 MiB). */
  segmentBytes?: number;
  /** Sync the spool to disk before a record counts as durable (default true). */
  fsync?: boolean;
  /**
   * Shortest time between two spool writes (default 5 ms): records arriving meanwhile share one
   * write and one sync, so a fast loop pays for a sync per few records, not per record.
   */
  commitIntervalMs?: number;
  /** Timeout of one HTTP request (default 60 s). */
  requestTimeoutMs?: number;
  /** Backoff between retries: first and longest wait (default 200 ms and 5 s), each randomized ×1–2. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Called on every failed delivery attempt that will be retried (logging, alerts). */
  onRetry?: (error: DeliveryError, attempt: number) => void;
  /** Called for every record the server refused for good (also written to dead-letter.ndjson). */
  onDeadLetter?: (entry: DeadLetter) => void;
  /** The artifacts endpoint (default: beside `url`, `…/api/v1/artifacts`). */
  artifactsUrl?: string;
  /** Replaces the global fetch (proxies, custom agents). */
  fetch?: typeof fetch;
}

/** A record the server refused for its content, with the server's answer. */
export interface DeadLetter {
  at: string;
  /** The refused record: one item of a part, or a whole bundle. */
  part?: Part;
  item?: unknown;
  bundle?: unknown;
  /** The undecodable spool line, when the record could not be read back. */
  raw?: string;
  error: { code: string; message: string; problems: Array<{ path: string; message: string }> };
}

/** What a client has done since it was opened. */
export interface ClientStats {
  /** Records waiting for the disk. */
  queued: number;
  /** Items on disk not yet confirmed by the server. */
  spooled: number;
  spooledBytes: number;
  requests: number;
  created: number;
  unchanged: number;
  retries: number;
  deadLettered: number;
}

/** What `close()` left behind. */
export interface CloseResult {
  /** Items still in the spool (sent by the next client on the same spoolDir). */
  remaining: number;
}

/** Defaults of the optional settings (each documented on `LineageClientOptions`). */
export const DEFAULTS = {
  batchSize: 2_000,
  maxBatchBytes: 8 * 1024 * 1024,
  flushIntervalMs: 1_000,
  maxQueue: 100_000,
  maxSpoolBytes: 1024 * 1024 * 1024,
  segmentBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 60_000,
  retryMinMs: 200,
  retryMaxMs: 5_000,
  fsync: true,
  commitIntervalMs: 5,
};
/** The options with every default filled in. */
export type ResolvedOptions = Required<Omit<LineageClientOptions, 'token' | 'clientId' | 'onRetry' | 'onDeadLetter' | 'fetch' | 'artifactsUrl'>> &
  LineageClientOptions;
