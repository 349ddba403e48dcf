import type { JsonObject } from '@ion-lineage/contract';

/*
 * JSON blobs (params, metrics, schemas, inputs, attributions…) are stored as strings
 * (DESIGN.md). These two read them back at the store boundary, one per GraphQL scalar.
 */

/** For the `JSON` scalar: any value; a malformed blob comes back as its raw text rather than lost. */
export function parseStoredJson(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** For the `JSONObject` scalar: an object; other values wrapped as `{ value }`, malformed text as `{ raw }`. */
export function parseStoredJsonObject(text: unknown): JsonObject | null {
  if (typeof text !== 'string' || text === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : { value };
  } catch {
    // Written by our own ingest, so this only happens to data written around it; show it raw.
    return { raw: text };
  }
}
