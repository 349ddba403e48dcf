import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a delivery (lower case, as Node sees them). */
export const HEADERS = {
  id: 'ion-webhook-id',
  event: 'ion-webhook-event',
  timestamp: 'ion-webhook-timestamp',
  signature: 'ion-webhook-signature',
} as const;

/** `v1=<hex>`: HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * What a receiver does (the README shows the same few lines): recompute the signature over the
 * raw body, compare in constant time, and refuse a timestamp older than `toleranceSeconds`, so
 * a captured delivery cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  toleranceSeconds = 300,
  nowSeconds = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; reason: string } {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return { ok: false, reason: 'no timestamp' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'timestamp outside tolerance' };
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(headers.signature ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature mismatch' };
  return { ok: true };
}
