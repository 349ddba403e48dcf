/**
 * The durable on-disk spool: records are appended to segment files and synced to disk before
 * they count as recorded (group commit: one write and one fdatasync for everything recorded
 * meanwhile); a record leaves the spool only when the server has confirmed it, by moving the
 * acknowledged position (`ack.json`, replaced atomically). A crash at any point therefore
 * loses nothing that was durable, and at worst sends a confirmed batch again, which the
 * server answers as `unchanged` (ids are idempotency keys).
 *
 * Layout of the directory: `segment-<n>.log` (records, one per line), `ack.json` (the first
 * unconfirmed position), `lock` (the owner's pid), `client-id`, `dead-letter.ndjson`.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { SpoolWriteError } from './errors.js';
import { BatchBuilder, type ReadLimits, type SpoolBatch } from './spool-batch.js';
import { deferred, readAck, readAt, SEGMENT, segmentName, syncDirectory, writeAck, type Deferred, type SpoolPosition } from './spool-files.js';
import { decodeEntry, splitLines } from './spool-format.js';
import { releaseLock, takeLock } from './spool-lock.js';

export type { SpoolPosition } from './spool-files.js';
export type { ReadLimits, SpoolBatch } from './spool-batch.js';
export type { SpoolEntry } from './spool-format.js';

export interface SpoolOptions {
  dir: string;
  segmentBytes: number;
  /** Sync each group of appends to disk (fdatasync) before it counts as recorded. */
  fsync: boolean;
  /** Shortest time between two group commits (0: as soon as the previous one is done). */
  commitIntervalMs: number;
}

const READ_CHUNK = 1 << 20;

/** A directory of segment files with group-committed appends and an acknowledged position. */
export class Spool {
  /** Items and bytes appended durably and not yet acknowledged. */
  depthItems = 0;
  depthBytes = 0;
  /** Records (lines) durable and not yet acknowledged. */
  depthRecords = 0;
  /** Items and bytes waiting for the next disk write. */
  pendingItems = 0;
  pendingBytes = 0;
  pendingRecords = 0;
  /** Set when a write failed; every later append throws it. */
  failure: SpoolWriteError | undefined;
  /** Called after each durable write (the sender wakes up). */
  onDurable: () => void = () => {};

  private pending: string[] = [];
  private pendingDone: Deferred | undefined;
  private writing: Promise<void> | undefined;
  private lastWrite = 0;
  private writeHandle!: FileHandle;
  private writeSegment = 0;
  private writeSize = 0;
  private readHandle: { segment: number; handle: FileHandle } | undefined;
  /** Sizes of the finished segments that still hold unacknowledged records. */
  private readonly sealed = new Map<number, number>();
  private ackPos: SpoolPosition = { segment: 0, offset: 0 };

  private constructor(private readonly options: SpoolOptions) {}

  /**
   * Opens (or creates) the spool in `options.dir`: takes the lock, drops a torn last line left
   * by a crash, counts what is still unacknowledged and starts a fresh segment for appends.
   */
  static async open(options: SpoolOptions): Promise<Spool> {
    const spool = new Spool(options);
    await fs.promises.mkdir(options.dir, { recursive: true });
    takeLock(options.dir);
    try {
      await spool.recover();
    } catch (error) {
      releaseLock(options.dir);
      throw error;
    }
    return spool;
  }

  /** The first position the server has not confirmed. */
  get acknowledged(): SpoolPosition {
    return { ...this.ackPos };
  }

  private file(segment: number): string {
    return path.join(this.options.dir, segmentName(segment));
  }

  private async recover(): Promise<void> {
    const ack = readAck(this.options.dir);
    const segments = fs
      .readdirSync(this.options.dir)
      .map((name) => SEGMENT.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => Number(match[1]))
      .sort((a, b) => a - b);
    for (const segment of segments) {
      // Fully confirmed segments whose removal a crash interrupted.
      if (ack && segment < ack.segment) fs.rmSync(this.file(segment), { force: true });
    }
    const live = segments.filter((segment) => !ack || segment >= ack.segment);
    this.ackPos = ack && live.includes(ack.segment) ? ack : { segment: live[0] ?? 1, offset: 0 };
    for (const [index, segment] of live.entries()) {
      const buffer = fs.readFileSync(this.file(segment));
      const from = segment === this.ackPos.segment ? Math.min(this.ackPos.offset, buffer.length) : 0;
      const { lines, bytes } = splitLines(buffer.subarray(from));
      if (from + bytes < buffer.length) {
        // Only the last write of a killed process can be torn; its records were never reported durable.
        fs.truncateSync(this.file(segment), from + bytes);
        if (index !== live.length - 1) throw new Error(`spool segment ${segmentName(segment)} ends in a torn line but is not the last one`);
      }
      this.depthRecords += lines.length;
      for (const line of lines) {
        this.depthItems += decodeEntry(line).items;
        this.depthBytes += Buffer.byteLength(line) + 1;
      }
      this.sealed.set(segment, from + bytes);
    }
    await this.startSegment((live.at(-1) ?? this.ackPos.segment - 1) + 1);
    if (live.length === 0) this.ackPos = { segment: this.writeSegment, offset: 0 };
  }

  private async startSegment(segment: number): Promise<void> {
    if (this.writeHandle) {
      await this.writeHandle.close();
      this.sealed.set(this.writeSegment, this.writeSize);
    }
    this.writeHandle = await fs.promises.open(this.file(segment), 'wx');
    this.writeSegment = segment;
    this.writeSize = 0;
    if (this.options.fsync) await syncDirectory(this.options.dir);
  }

  /**
   * Queues one encoded line (`items` items) for the next group commit. The promise resolves
   * once the line is on disk; throws at once if an earlier write failed.
   */
  append(line: string, items: number): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending.push(line);
    this.pendingItems += items;
    this.pendingBytes += line.length;
    this.pendingRecords++;
    this.pendingDone ??= deferred();
    if (!this.writing) this.writing = this.writeLoop();
    return this.pendingDone.promise;
  }

  /** Resolves when everything appended so far is on disk (or failed). */
  async settled(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        // Let more records join this write: at most one write (and sync) per commitIntervalMs,
        // and at least the caller's current burst.
        const wait = this.lastWrite + this.options.commitIntervalMs - performance.now();
        await new Promise<void>((resolve) => (wait > 0 ? setTimeout(resolve, wait) : setImmediate(resolve)));
        this.lastWrite = performance.now();
        const lines = this.pending;
        const done = this.pendingDone!;
        const items = this.pendingItems;
        this.pending = [];
        this.pendingDone = undefined;
        this.pendingItems = 0;
        this.pendingBytes = 0;
        this.pendingRecords = 0;
        const buffer = Buffer.from(lines.join(''), 'utf8');
        try {
          if (this.writeSize >= this.options.segmentBytes) await this.startSegment(this.writeSegment + 1);
          await this.writeHandle.write(buffer, 0, buffer.length, this.writeSize);
          if (this.options.fsync) await this.writeHandle.datasync();
        } catch (error) {
          this.failure = new SpoolWriteError(`Writing to the lineage spool failed: ${(error as Error).message}`, error);
          done.reject(this.failure);
          // Records appended while this write ran share its fate.
          (this.pendingDone as Deferred | undefined)?.reject(this.failure);
          this.pending = [];
          this.pendingDone = undefined;
          return;
        }
        this.writeSize += buffer.length;
        this.depthRecords += lines.length;
        this.depthItems += items;
        this.depthBytes += buffer.length;
        done.resolve();
        this.onDurable();
      }
    } finally {
      this.writing = undefined;
    }
  }

  private readableEnd(segment: number): number | undefined {
    if (segment === this.writeSegment) return this.writeSize;
    return this.sealed.get(segment);
  }

  private async handleFor(segment: number): Promise<FileHandle> {
    if (this.readHandle?.segment === segment) return this.readHandle.handle;
    await this.readHandle?.handle.close();
    const handle = await fs.promises.open(this.file(segment), 'r');
    this.readHandle = { segment, handle };
    return handle;
  }

  /**
   * Reads the records after the acknowledged position, up to the limits (at least one record).
   * Only durable records are read. Returns undefined when there is nothing to send.
   */
  async read(limits: ReadLimits): Promise<SpoolBatch | undefined> {
    const pos = { ...this.ackPos };
    const batch = new BatchBuilder(limits);
    while (batch.open) {
      const end = this.readableEnd(pos.segment);
      if (end === undefined || pos.offset >= end) {
        if (pos.segment >= this.writeSegment) break;
        pos.segment++;
        pos.offset = 0;
        continue;
      }
      const handle = await this.handleFor(pos.segment);
      let want = Math.min(end - pos.offset, Math.max(batch.bytesLeft, READ_CHUNK));
      let chunk = await readAt(handle, pos.offset, want);
      // A record longer than the chunk: read until its newline.
      while (chunk.indexOf(0x0a) < 0 && want < end - pos.offset) {
        want = Math.min(end - pos.offset, want * 2);
        chunk = await readAt(handle, pos.offset, want);
      }
      const { lines, lengths } = splitLines(chunk);
      if (lines.length === 0) break;
      for (const [i, line] of lines.entries()) {
        if (!batch.offer(decodeEntry(line), lengths[i]!)) break;
        pos.offset += lengths[i]!;
        if (batch.full) break;
      }
    }
    if (batch.entries.length === 0) {
      if (pos.segment !== this.ackPos.segment) await this.moveAck(pos, 0, 0);
      return undefined;
    }
    return { entries: batch.entries, end: pos, items: batch.items, bytes: batch.bytes };
  }

  /** Records that the server confirmed `batch`: its records leave the spool. */
  async ack(batch: SpoolBatch): Promise<void> {
    await this.moveAck(batch.end, batch.items, batch.bytes);
    this.depthRecords -= batch.entries.length;
  }

  private async moveAck(to: SpoolPosition, items: number, bytes: number): Promise<void> {
    await writeAck(this.options.dir, to, this.options.fsync);
    const from = this.ackPos.segment;
    this.ackPos = { ...to };
    this.depthItems -= items;
    this.depthBytes -= bytes;
    for (let segment = from; segment < to.segment; segment++) {
      if (this.readHandle?.segment === segment) {
        await this.readHandle.handle.close();
        this.readHandle = undefined;
      }
      this.sealed.delete(segment);
      await fs.promises.rm(this.file(segment), { force: true });
    }
  }

  /** Waits for pending writes, closes the files and releases the lock. */
  async close(): Promise<void> {
    await this.settled();
    await this.readHandle?.handle.close();
    this.readHandle = undefined;
    await this.writeHandle.close();
    // An empty last segment holds nothing; the next open starts its own.
    if (this.writeSize === 0) fs.rmSync(this.file(this.writeSegment), { force: true });
    releaseLock(this.options.dir);
  }
}
