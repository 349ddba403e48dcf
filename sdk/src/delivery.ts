/**
 * The sending side of a `LineageClient`: one loop reads the spool in order, merges consecutive
 * records into one `ingest(bundle:)` request, retries with jittered backoff while the server or
 * its graph is away, and acknowledges records only once the server has confirmed them. Records
 * the server refuses for their content are isolated by splitting the batch and written to
 * `dead-letter.ndjson` with the server's answer.
 */
import fs from 'node:fs';
import path from 'node:path';
import pRetry, { AbortError } from 'p-retry';
import { ClientClosedError, DeliveryError } from './errors.js';
import type { DeadLetter, ResolvedOptions } from './options.js';
import { MAX_PART_ITEMS, type BundleResult, type Part } from './parts.js';
import type { Spool, SpoolBatch, SpoolEntry } from './spool.js';
import { deliver, requestBody, type TransportOptions } from './transport.js';

/** A unit that is delivered or refused as a whole: one item, or a caller's bundle. */
type Unit = SpoolEntry;

/** Counters of a client's deliveries since it was opened. */
export interface DeliveryCounters {
  requests: number;
  created: number;
  unchanged: number;
  retries: number;
  deadLettered: number;
}

/** The sender of one open spool; started by the client once the spool is open. */
export class Delivery {
  readonly counters: DeliveryCounters = { requests: 0, created: 0, unchanged: 0, retries: 0, deadLettered: 0 };
  /** Records confirmed by the server or dead-lettered since open. */
  private settledRecords = 0;
  private readonly stopSending = new AbortController();
  private readonly flushWaiters: Array<{ target: number; resolve: () => void }> = [];
  private wake: (() => void) | undefined;
  private firstUnsentAt = 0;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly spool: Spool,
    private readonly options: ResolvedOptions,
    private readonly transport: TransportOptions,
    /** Whether the client is closing: then partial batches go at once. */
    private readonly closing: () => boolean,
  ) {}

  /** Starts the send loop. */
  start(): void {
    this.loop = this.sendLoop();
  }

  /** Wakes the send loop (after a durable write, a flush or close). */
  poke(): void {
    this.wake?.();
  }

  /** Resolves once `target` records (counted since open) are confirmed or dead-lettered. */
  async settled(target: number): Promise<void> {
    if (this.settledRecords >= target) return;
    await new Promise<void>((resolve) => {
      this.flushWaiters.push({ target, resolve });
      this.wake?.();
    });
  }

  /** Stops the send loop (an in-flight request is aborted; its records stay in the spool). */
  async stop(): Promise<void> {
    this.stopSending.abort(new ClientClosedError('LineageClient closed'));
    await this.loop;
  }

  private async sendLoop(): Promise<void> {
    const spool = this.spool;
    const signal = this.stopSending.signal;
    while (!signal.aborted) {
      const depth = spool.depthItems;
      const flushing = this.flushWaiters.length > 0 || this.closing();
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

  /** Sends one request body, retrying transient failures; a refusal rejects with DeliveryError. */
  async sendWithRetry(body: string): Promise<BundleResult> {
    const signal = this.stopSending.signal;
    return pRetry(
      async () => {
        this.counters.requests++;
        try {
          return await deliver(this.transport, body, this.depth(), signal);
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
