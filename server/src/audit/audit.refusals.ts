/**
 * Refused requests (FORBIDDEN, UNAUTHENTICATED) go into the audit aggregated, so a flood
 * cannot grow the log without bound: one entry per (principal or client IP, code, operation)
 * per window with its count, at most `maxKeys` keys per window, and the rest counted into one
 * `other` entry.
 */
import type { AuditInput, AuditSource } from './audit.service';

export type RefusalCode = 'FORBIDDEN' | 'UNAUTHENTICATED';

interface Bucket {
  source: AuditSource;
  code: RefusalCode | 'mixed';
  operation: string;
  count: number;
  firstAt: string;
  lastAt: string;
  /** Distinct keys counted into the overflow bucket. */
  keys?: Set<string>;
}

/** One aggregated entry to append: who, and what to record. */
export interface RefusalRecord {
  source: AuditSource;
  input: AuditInput;
}

const OVERFLOW = '\u0000other';
const MAX_OVERFLOW_KEYS_COUNTED = 10_000;

/** Counts refusals per key and hands one record per key to `write` at the end of each window. */
export class RefusalAggregator {
  private buckets = new Map<string, Bucket>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (records: RefusalRecord[]) => Promise<void>,
    readonly windowMs = 60_000,
    readonly maxKeys = 100,
  ) {}

  /** Counts one refused request. */
  note(source: AuditSource, code: RefusalCode, operation: string): void {
    const who = source.principal?.id ?? `ip:${source.clientIp ?? 'unknown'}`;
    const key = `${who}\u0000${code}\u0000${operation}`;
    const now = new Date().toISOString();
    let bucket = this.buckets.get(key);
    if (!bucket && this.buckets.size >= this.maxKeys) {
      bucket = this.buckets.get(OVERFLOW);
      if (!bucket) {
        bucket = { source: {}, code: 'mixed', operation: 'other', count: 0, firstAt: now, lastAt: now, keys: new Set() };
        this.buckets.set(OVERFLOW, bucket);
      }
      if (bucket.keys!.size < MAX_OVERFLOW_KEYS_COUNTED) bucket.keys!.add(key);
    }
    if (!bucket) {
      bucket = {
        source: {
          principal: source.principal,
          clientIp: source.clientIp,
          userAgent: source.userAgent,
          requestId: source.requestId,
          operationName: source.operationName,
        },
        code,
        operation,
        count: 0,
        firstAt: now,
        lastAt: now,
      };
      this.buckets.set(key, bucket);
    }
    bucket.count += 1;
    bucket.lastAt = now;
    this.timer ??= setTimeout(() => void this.flush().catch(() => {}), this.windowMs).unref();
  }

  /** Writes one record per key counted since the last flush (the window closes now). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const buckets = [...this.buckets.values()];
    this.buckets = new Map();
    if (buckets.length === 0) return;
    await this.write(
      buckets.map((bucket) => ({
        source: bucket.source,
        input: {
          action: 'refused',
          operation: bucket.operation,
          targetIds: [],
          details: {
            code: bucket.code,
            count: bucket.count,
            firstAt: bucket.firstAt,
            lastAt: bucket.lastAt,
            windowMs: this.windowMs,
            ...(bucket.keys ? { keys: bucket.keys.size, maxKeys: this.maxKeys } : {}),
          },
        },
      })),
    );
  }
}
