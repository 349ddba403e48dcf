/**
 * `LineageClient`: records lineage from any Node pipeline without waiting for the server.
 *
 * Every `record*` call encodes its item, queues it for the spool's next group commit and
 * returns at once; the returned promise (safe to ignore) resolves when the item is on disk.
 * A background sender reads the spool in order, merges consecutive records into one
 * `ingest(bundle:)` request (the server writes a bundle's parts parents first, so order is kept),
 * retries with jittered backoff while the server or its graph is away, and acknowledges the
 * records only when the server has confirmed them. Records the server refuses for their
 * content are isolated by splitting the batch and written to `dead-letter.ndjson` with the
 * server's error. Ids are idempotency keys, so a batch sent twice after a crash is stored once.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pRetry, { AbortError } from 'p-retry';
import type * as C from '../../server/src/ingest/contract';
import { ClientClosedError, DeliveryError, LineageClientError, QueueFullError, SpoolFullError } from './errors';
import { MAX_PART_ITEMS, PARTS, type BundleResult, type Part, type PartItem } from './parts';
import { Spool, type SpoolBatch, type SpoolEntry } from './spool';
import { bundleItemCount, encodeBundle, encodeItem } from './spool-format';
import { deliver, requestBody, type TransportOptions } from './transport';

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

const DEFAULTS = {
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

/** A unit that is delivered or refused as a whole: one item, or a caller's bundle. */
type Unit = SpoolEntry;

export class LineageClient {
  private readonly options: Required<Omit<LineageClientOptions, 'token' | 'clientId' | 'onRetry' | 'onDeadLetter' | 'fetch'>> & LineageClientOptions;
  private readonly opening: Promise<Spool>;
  private spool: Spool | undefined;
  private openError: unknown;
  private closed = false;
  private closing: Promise<CloseResult> | undefined;
  private readonly stopSending = new AbortController();
  private sender: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** Records appended since open (pending or durable) and records confirmed or dead-lettered. */
  private appended = 0;
  private settledRecords = 0;
  private readonly flushWaiters: Array<{ target: number; resolve: () => void }> = [];
  private readonly writableWaiters: Array<() => void> = [];
  private readonly counters = { requests: 0, created: 0, unchanged: 0, retries: 0, deadLettered: 0 };
  private transport: TransportOptions | undefined;
  private firstUnsentAt = 0;
  /** Records queued before the spool finished opening. */
  private early: Array<{ line: string; items: number; done: (p: Promise<void>) => void }> = [];

  constructor(options: LineageClientOptions) {
    this.options = { ...DEFAULTS, ...options };
    if (!options.url) throw new TypeError('LineageClient needs a url');
    if (!options.spoolDir) throw new TypeError('LineageClient needs a spoolDir');
    this.opening = Spool.open({ dir: options.spoolDir, segmentBytes: this.options.segmentBytes, fsync: this.options.fsync, commitIntervalMs: this.options.commitIntervalMs });
    this.opening.then(
      (spool) => this.started(spool),
      (error: unknown) => {
        this.openError = error;
        const failed = Promise.reject(error);
        failed.catch(() => {});
        for (const waiting of this.early) waiting.done(failed);
        this.early = [];
      },
    );
  }

  /** Opens a client and waits until its spool is ready (recovered after a crash). */
  static async open(options: LineageClientOptions): Promise<LineageClient> {
    const client = new LineageClient(options);
    await client.ready();
    return client;
  }

  /** Resolves when the spool is open; rejects if it cannot be (e.g. SpoolLockedError). */
  async ready(): Promise<void> {
    await this.opening;
  }

  private started(spool: Spool): void {
    this.spool = spool;
    // Records recovered from an earlier process count as appended, so flush() waits for them too.
    this.appended += spool.depthRecords;
    const clientId = this.options.clientId ?? persistentClientId(this.options.spoolDir);
    this.transport = { url: this.options.url, clientId, token: this.options.token, timeoutMs: this.options.requestTimeoutMs, fetch: this.options.fetch ?? fetch };
    spool.onDurable = () => this.poke();
    for (const { line, items, done } of this.early) done(spool.append(line, items));
    this.early = [];
    this.sender = this.sendLoop();
  }

  // ---- recording -------------------------------------------------------------------------

  /**
   * Records items of one part. Returns at once; the promise resolves when they are durable.
   * Throws SpoolFullError or QueueFullError (nothing recorded) under backpressure.
   */
  record<P extends Part>(part: P, items: ReadonlyArray<PartItem<P>>): Promise<void> {
    this.checkOpen();
    const lines = items.map((item) => encodeItem(part, item));
    let bytes = 0;
    for (const line of lines) bytes += line.length;
    this.checkRoom(lines.length, bytes);
    let last: Promise<void> = Promise.resolve();
    for (const line of lines) last = this.append(line, 1);
    return last;
  }

  /** Records a bundle: its parts are delivered together, in one transaction, or refused together. */
  bundle(bundle: C.IngestBundle): Promise<void> {
    this.checkOpen();
    const items = bundleItemCount(bundle);
    if (items === 0) return Promise.resolve();
    const line = encodeBundle(bundle);
    this.checkRoom(1, line.length);
    return this.append(line, items);
  }

  recordPrincipal = (item: C.PrincipalInput) => this.record('principals', [item]);
  recordPrincipals = (items: readonly C.PrincipalInput[]) => this.record('principals', items);
  recordIon = (item: C.IonInput) => this.record('ions', [item]);
  recordIons = (items: readonly C.IonInput[]) => this.record('ions', items);
  recordIonInstance = (item: C.IonInstanceInput) => this.record('ionInstances', [item]);
  recordIonInstances = (items: readonly C.IonInstanceInput[]) => this.record('ionInstances', items);
  recordDataset = (item: C.DatasetInput) => this.record('datasets', [item]);
  recordDatasets = (items: readonly C.DatasetInput[]) => this.record('datasets', items);
  recordDatasetVersion = (item: C.DatasetVersionInput) => this.record('datasetVersions', [item]);
  recordDatasetVersions = (items: readonly C.DatasetVersionInput[]) => this.record('datasetVersions', items);
  recordFeature = (item: C.FeatureInput) => this.record('features', [item]);
  recordFeatures = (items: readonly C.FeatureInput[]) => this.record('features', items);
  recordModel = (item: C.ModelInput) => this.record('models', [item]);
  recordModels = (items: readonly C.ModelInput[]) => this.record('models', items);
  recordRun = (item: C.RunInput) => this.record('runs', [item]);
  recordRuns = (items: readonly C.RunInput[]) => this.record('runs', items);
  recordStage = (item: C.StageInput) => this.record('stages', [item]);
  recordStages = (items: readonly C.StageInput[]) => this.record('stages', items);
  recordModelVersion = (item: C.ModelVersionInput) => this.record('modelVersions', [item]);
  recordModelVersions = (items: readonly C.ModelVersionInput[]) => this.record('modelVersions', items);
  recordApproval = (item: C.ApprovalInput) => this.record('approvals', [item]);
  recordApprovals = (items: readonly C.ApprovalInput[]) => this.record('approvals', items);
  recordDeployment = (item: C.DeploymentInput) => this.record('deployments', [item]);
  recordDeployments = (items: readonly C.DeploymentInput[]) => this.record('deployments', items);
  recordModelLoad = (item: C.ModelLoadInput) => this.record('modelLoads', [item]);
  recordModelLoads = (items: readonly C.ModelLoadInput[]) => this.record('modelLoads', items);
  recordPrediction = (item: C.PredictionInput) => this.record('predictions', [item]);
  recordPredictions = (items: readonly C.PredictionInput[]) => this.record('predictions', items);
  recordEvent = (item: C.EventInput) => this.record('events', [item]);
  recordEvents = (items: readonly C.EventInput[]) => this.record('events', items);

  private checkOpen(): void {
    if (this.closed) throw new ClientClosedError('LineageClient is closed');
    if (this.openError) throw new ClientClosedError(`LineageClient could not open its spool: ${(this.openError as Error).message}`);
    if (this.spool?.failure) throw this.spool.failure;
  }

  private checkRoom(records: number, bytes: number): void {
    const queued = this.queuedRecords();
    if (queued + records > this.options.maxQueue && queued > 0) throw new QueueFullError(queued);
    const spooled = (this.spool?.depthBytes ?? 0) + (this.spool?.pendingBytes ?? 0);
    if (spooled + bytes > this.options.maxSpoolBytes) throw new SpoolFullError(spooled, this.options.maxSpoolBytes);
  }

  private queuedRecords(): number {
    return this.spool ? this.spool.pendingRecords : this.early.length;
  }

  private append(line: string, items: number): Promise<void> {
    this.appended++;
    if (this.spool) return this.spool.append(line, items);
    const durable = new Promise<void>((resolve, reject) => this.early.push({ line, items, done: (p) => p.then(resolve, reject) }));
    // Ignoring durability is allowed; a failure to open is also thrown by the next record call.
    durable.catch(() => {});
    return durable;
  }

  /** Resolves when the queue waiting for the disk has room again (after a QueueFullError). */
  async writable(): Promise<void> {
    if (this.queuedRecords() < this.options.maxQueue) return;
    await new Promise<void>((resolve) => this.writableWaiters.push(resolve));
  }

  // ---- direct calls ----------------------------------------------------------------------

  /**
   * Sends a bundle now, bypassing the spool, and returns the server's counts. Transient
   * failures are retried; a refusal rejects with DeliveryError. For setup steps that must be
   * confirmed before going on; prefer `bundle()` in pipelines.
   */
  async ingest(bundle: C.IngestBundle): Promise<BundleResult> {
    this.checkOpen();
    await this.ready();
    bundleItemCount(bundle);
    const parts = new Map<Part, string[]>();
    for (const part of PARTS) {
      const items = bundle[part];
      if (items && items.length > 0) parts.set(part, items.map((item) => JSON.stringify(item)));
    }
    return this.sendWithRetry(requestBody(parts));
  }

  /** Sends items of one part now, bypassing the spool (see `ingest`). */
  async ingestPart<P extends Part>(part: P, items: ReadonlyArray<PartItem<P>>): Promise<C.IngestResult> {
    const result = await this.ingest({ [part]: items } as C.IngestBundle);
    return result[part] ?? { created: 0, unchanged: 0 };
  }

  // ---- delivery --------------------------------------------------------------------------

  private poke(): void {
    for (const resolve of this.writableWaiters.splice(0)) resolve();
    this.wake?.();
  }

  private async sendLoop(): Promise<void> {
    const spool = this.spool!;
    const signal = this.stopSending.signal;
    while (!signal.aborted) {
      const depth = spool.depthItems;
      const flushing = this.flushWaiters.length > 0 || this.closed;
      if (depth === 0) {
        this.firstUnsentAt = 0;
        this.resolveFlushWaiters();
        await this.sleep(undefined);
        continue;
      }
      this.firstUnsentAt ||= performance.now();
      const waited = performance.now() - this.firstUnsentAt;
      if (depth < this.options.batchSize && !flushing && waited < this.options.flushIntervalMs) {
        await this.sleep(this.options.flushIntervalMs - waited);
        continue;
      }
      try {
        const batch = await spool.read({ maxItems: this.options.batchSize, maxBytes: this.options.maxBatchBytes, maxPartItems: MAX_PART_ITEMS });
        if (!batch) {
          await this.sleep(this.options.flushIntervalMs);
          continue;
        }
        await this.deliverBatch(batch);
        await spool.ack(batch);
        this.settledRecords += batch.entries.length;
        this.firstUnsentAt = spool.depthItems > 0 ? performance.now() : 0;
        this.resolveFlushWaiters();
      } catch (error) {
        if (signal.aborted) return;
        // Disk trouble while reading or acknowledging: report it and try again shortly.
        this.options.onRetry?.(new DeliveryError(`Spool error: ${(error as Error).message}`, 'SPOOL', true), 0);
        await this.sleep(this.options.retryMaxMs);
      }
    }
  }

  /** Waits `ms` (forever when undefined) or until woken by a durable write, a flush or close. */
  private sleep(ms: number | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const signal = this.stopSending.signal;
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = undefined;
        resolve();
      };
      if (signal.aborted) return done();
      if (ms !== undefined) timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  /**
   * Delivers a batch: the whole of it when the server takes it, otherwise halves, so a record
   * the server refuses for its content ends up alone and goes to the dead-letter file, while
   * the others (in their order) are delivered.
   */
  private async deliverBatch(batch: SpoolBatch): Promise<void> {
    const work: Unit[][] = [batch.entries];
    while (work.length > 0) {
      const units = work.shift()!;
      const readable = units.filter((unit) => unit.record);
      for (const unit of units) if (!unit.record) await this.deadLetter(unit, { code: 'SPOOL', message: unit.error ?? 'unreadable', problems: [] });
      if (readable.length === 0) continue;
      try {
        const result = await this.sendWithRetry(requestBody(unitParts(readable)));
        for (const counts of Object.values(result)) {
          this.counters.created += counts?.created ?? 0;
          this.counters.unchanged += counts?.unchanged ?? 0;
        }
      } catch (error) {
        if (!(error instanceof DeliveryError) || error.transient) throw error;
        if (readable.length > 1) {
          const half = Math.ceil(readable.length / 2);
          work.unshift(readable.slice(0, half), readable.slice(half));
        } else {
          await this.deadLetter(readable[0]!, { code: error.code, message: error.message, problems: error.problems });
        }
      }
    }
  }

  private async sendWithRetry(body: string): Promise<BundleResult> {
    const signal = this.stopSending.signal;
    return pRetry(
      async () => {
        this.counters.requests++;
        try {
          return await deliver(this.transport!, body, this.depth(), signal);
        } catch (error) {
          if (error instanceof DeliveryError && !error.transient) throw new AbortError(error);
          throw error;
        }
      },
      {
        retries: Number.POSITIVE_INFINITY,
        factor: 2,
        minTimeout: this.options.retryMinMs,
        maxTimeout: this.options.retryMaxMs,
        randomize: true,
        signal,
        onFailedAttempt: ({ error, attemptNumber }) => {
          this.counters.retries++;
          if (error instanceof DeliveryError) this.options.onRetry?.(error, attemptNumber);
        },
      },
    ).catch((error: unknown) => {
      // p-retry wraps the refusal in AbortError; hand the DeliveryError itself to the caller.
      if (error instanceof AbortError) throw error.originalError;
      throw error;
    });
  }

  private async deadLetter(unit: Unit, error: DeadLetter['error']): Promise<void> {
    const entry: DeadLetter = { at: new Date().toISOString(), error };
    const tab = unit.line.indexOf('\t');
    if (!unit.record) entry.raw = unit.line;
    else if (unit.record.kind === 'item') {
      entry.part = unit.record.part;
      entry.item = JSON.parse(unit.line.slice(tab + 1));
    } else entry.bundle = JSON.parse(unit.line.slice(tab + 1));
    const file = path.join(this.options.spoolDir, 'dead-letter.ndjson');
    const handle = await fs.promises.open(file, 'a');
    try {
      await handle.write(`${JSON.stringify(entry)}\n`);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    this.counters.deadLettered++;
    this.options.onDeadLetter?.(entry);
  }

  private resolveFlushWaiters(): void {
    for (let i = this.flushWaiters.length - 1; i >= 0; i--) {
      const waiter = this.flushWaiters[i]!;
      if (this.settledRecords >= waiter.target) {
        this.flushWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private depth(): number {
    return (this.spool?.depthItems ?? 0) + (this.spool?.pendingItems ?? 0);
  }

  // ---- flush, close, stats ---------------------------------------------------------------

  /**
   * Resolves when everything recorded before the call is confirmed by the server (or
   * dead-lettered). While the server is away this waits; use `close({ timeoutMs })` to bound it.
   */
  async flush(): Promise<void> {
    await this.ready();
    const target = this.appended;
    if (this.settledRecords >= target) return;
    await new Promise<void>((resolve) => {
      this.flushWaiters.push({ target, resolve });
      this.wake?.();
    });
  }

  /**
   * Stops taking records, delivers what it can within `timeoutMs` (default 30 s), then stops.
   * Whatever the server has not confirmed stays in the spool for the next client on this
   * directory; nothing is dropped.
   */
  close(options: { timeoutMs?: number } = {}): Promise<CloseResult> {
    this.closing ??= this.shutDown(options.timeoutMs ?? 30_000);
    return this.closing;
  }

  private async shutDown(timeoutMs: number): Promise<CloseResult> {
    this.closed = true;
    try {
      await this.ready();
    } catch {
      return { remaining: 0 };
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.stopSending.abort(new ClientClosedError('LineageClient closed'));
    await this.sender;
    const remaining = this.spool!.depthItems;
    await this.spool!.close();
    return { remaining };
  }

  /** Counters since open, and what waits in the queue and the spool. */
  stats(): ClientStats {
    return {
      queued: this.queuedRecords(),
      spooled: this.spool?.depthItems ?? 0,
      spooledBytes: this.spool?.depthBytes ?? 0,
      ...this.counters,
    };
  }
}

/** Groups the units' stored JSON by part, keeping their order within each part. */
function unitParts(units: readonly Unit[]): Map<Part, string[]> {
  const parts = new Map<Part, string[]>();
  for (const unit of units) {
    const record = unit.record!;
    if (record.kind === 'item') {
      const list = parts.get(record.part);
      if (list) list.push(record.json);
      else parts.set(record.part, [record.json]);
    } else {
      for (const [part, items] of record.parts) parts.set(part, [...(parts.get(part) ?? []), ...items]);
    }
  }
  return parts;
}

/** An id for this spool directory, kept across restarts so metrics follow one pipeline. */
function persistentClientId(dir: string): string {
  const file = path.join(dir, 'client-id');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const id = `${os.hostname()}-${randomUUID().slice(0, 8)}`;
    fs.writeFileSync(file, id);
    return id;
  }
}

export { LineageClientError };
