/** Size limits of ingest input; every one is reported with the offending field's path. */
export const LIMITS = {
  idLength: 256,
  nameLength: 512,
  textLength: 16_384,
  /** Serialized size of one JSON field (params, inputs, schemas, stats...). */
  jsonBytes: 256 * 1024,
  /** Nesting of one JSON field; deeper values would overflow the stack while hashing. */
  jsonDepth: 64,
  listLength: 1_000,
  /** Items of one part in one request (GraphQL batch mutation, bundle part, SDK delivery). */
  batchItems: 10_000,
  /** Tags on one node, and the lengths of a tag's key and value. */
  tagsPerItem: 50,
  tagKeyLength: 128,
  tagValueLength: 256,
} as const;
