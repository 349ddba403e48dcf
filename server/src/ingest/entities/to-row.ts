/** JSON blobs are stored as strings (DESIGN.md) and exposed again as the JSON scalar. */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** Optional values become explicit nulls so every row has the same keys for the Cypher. */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

/** The id of the shared `(:Tag)` node of one key/value pair; keys hold no `=`, so it is unambiguous. */
export function tagId(key: string, value: string): string {
  return `tag:${key}=${value}`;
}

/** Tags as rows of the shared `(:Tag)` nodes the write queries merge and link with TAGGED. */
export function tagRows(tags: ReadonlyArray<{ key: string; value: string }> | undefined): Array<{ id: string; key: string; value: string }> {
  return (tags ?? []).map((tag) => ({ id: tagId(tag.key, tag.value), key: tag.key, value: tag.value }));
}
