/**
 * What one read of the spool may hand the sender: consecutive records up to the batch limits
 * (items, bytes, and items per part, the server's per-request limit), and at least one record
 * even when that one alone exceeds a limit, so an oversized record still reaches the server and
 * is refused (and dead-lettered) there instead of blocking the spool.
 */
import type { Part } from './parts.js';
import type { SpoolPosition } from './spool-files.js';
import { partCounts, type SpoolEntry } from './spool-format.js';

/** Consecutive records from the acknowledged position, ready to send. */
export interface SpoolBatch {
  entries: SpoolEntry[];
  /** The position after the batch: the new acknowledged position once it is confirmed. */
  end: SpoolPosition;
  items: number;
  bytes: number;
}

/** Limits of one batch read. */
export interface ReadLimits {
  maxItems: number;
  maxBytes: number;
  /** Most items of one part in a batch (the server's per-request limit). */
  maxPartItems: number;
}

/** Collects the entries of one batch within its limits. */
export class BatchBuilder {
  readonly entries: SpoolEntry[] = [];
  items = 0;
  bytes = 0;
  /** Set once the next entry did not fit, or an entry alone went past a limit. */
  full = false;
  private readonly partItems = new Map<Part, number>();

  constructor(private readonly limits: ReadLimits) {}

  /** Whether the batch takes more entries. */
  get open(): boolean {
    return !this.full && this.items < this.limits.maxItems && this.bytes < this.limits.maxBytes;
  }

  /** Bytes left before the byte limit. */
  get bytesLeft(): number {
    return this.limits.maxBytes - this.bytes;
  }

  /** Adds an entry of `length` bytes unless it would take a non-empty batch past a limit. */
  offer(entry: SpoolEntry, length: number): boolean {
    const counts = entry.record ? partCounts(entry.record) : new Map<Part, number>();
    const overLimit =
      this.items + entry.items > this.limits.maxItems ||
      this.bytes + length > this.limits.maxBytes ||
      [...counts].some(([part, n]) => (this.partItems.get(part) ?? 0) + n > this.limits.maxPartItems);
    if (overLimit) this.full = true;
    if (overLimit && this.entries.length > 0) return false;
    this.entries.push(entry);
    for (const [part, n] of counts) this.partItems.set(part, (this.partItems.get(part) ?? 0) + n);
    this.items += entry.items;
    this.bytes += length;
    return true;
  }
}
