/**
 * File helpers of the spool: segment names, positional reads, the acknowledged position
 * (`ack.json`), directory syncs, and the deferred promise of a group commit.
 */
import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** A place in the spool: a segment and a byte offset in it. */
export interface SpoolPosition {
  segment: number;
  offset: number;
}

/** A promise with its settle functions, shared by every record of one group commit. */
export interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

/** A new deferred; its rejection is never unhandled (callers may ignore durability). */
export function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The caller may ignore durability; failures are also kept on the spool and thrown by the next record call.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/** Segment file names: `segment-<12 digits>.log`, so names sort in segment order. */
export const SEGMENT = /^segment-(\d{12})\.log$/;
/** The file name of segment `n`. */
export const segmentName = (n: number) => `segment-${String(n).padStart(12, '0')}.log`;

/** Reads up to `length` bytes at `position` (fewer at the end of the file). */
export async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

/** The acknowledged position stored in `dir`, or undefined for a new spool. */
export function readAck(dir: string): SpoolPosition | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(path.join(dir, 'ack.json'), 'utf8')) as SpoolPosition;
    if (Number.isSafeInteger(value.segment) && Number.isSafeInteger(value.offset)) return value;
  } catch {
    // No ack yet (a new spool), or a crash before the first rename: start at the beginning.
  }
  return undefined;
}

/** Replaces `ack.json` atomically (a temporary file, synced, then renamed over it). */
export async function writeAck(dir: string, position: SpoolPosition, fsync: boolean): Promise<void> {
  const file = path.join(dir, 'ack.json');
  const temporary = `${file}.tmp`;
  const handle = await fs.promises.open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(position));
    if (fsync) await handle.datasync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, file);
}

/** Makes a directory's entries (new or removed files) durable. */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
