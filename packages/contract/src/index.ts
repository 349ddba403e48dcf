/**
 * `@ion-lineage/contract`: what the ION Lineage service and its clients agree on. The entity
 * shapes of ingestion (types derived from the zod schemas of `@ion-lineage/contract/schemas`),
 * the size limits, the order in which a bundle is written, the public error codes and the
 * one date-time check. Nothing here loads zod, so a client may import it at no cost.
 */
export * from './date-time.js';
export * from './error-codes.js';
export * from './ingest.js';
export * from './limits.js';
export * from './rest.js';
