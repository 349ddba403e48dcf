/** JSON blobs are stored as strings (DESIGN.md) and exposed again as the JSON scalar. */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Optional values become explicit nulls so every row has the same keys for the Cypher. */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}
