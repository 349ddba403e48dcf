/** Fields whose values are free JSON: their nulls are data, not "absent". */
const JSON_FIELDS = new Set([
  'definition',
  'params',
  'environment',
  'stats',
  'schema',
  'hyperparameters',
  'metrics',
  'inputSchema',
  'outputSchema',
  'inputs',
  'details',
]);

/**
 * Turns GraphQL input (class instances, explicit nulls for omitted optionals) into the plain
 * contract shape the ingest engine validates and hashes, so GraphQL and direct callers that
 * send the same item produce the same content hash.
 */
export function toPlainInput(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlainInput);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === null || item === undefined) continue;
    out[key] = JSON_FIELDS.has(key) ? item : toPlainInput(item);
  }
  return out;
}
