import neo4j from 'neo4j-driver';

/**
 * Converts values coming out of Neo4j into plain JSON-friendly values at the store boundary:
 * integers become numbers, temporals ISO-8601 strings, nodes and relationships their
 * properties (labels under `__labels`, type under `__type`).
 */
export function fromNeo4j(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  // Maps and lists are most of a large answer (a why row holds hundreds): plain ones skip the
  // driver's eight type probes, each a property miss on every map.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype === Object.prototype) return mapValues(value as Record<string, unknown>);
  if (prototype === Array.prototype) return (value as unknown[]).map(fromNeo4j);
  if (neo4j.isInt(value)) return (value as ReturnType<typeof neo4j.int>).toNumber();
  if (neo4j.isDateTime(value)) return dateTimeToIso(value as DateTimeFields);
  if (neo4j.isDate(value) || neo4j.isLocalDateTime(value) || neo4j.isDuration(value) || neo4j.isTime(value) || neo4j.isLocalTime(value)) {
    return String(value);
  }
  if (Array.isArray(value)) return value.map(fromNeo4j);
  if (neo4j.isNode(value as never)) {
    const node = value as unknown as { labels: string[]; properties: Record<string, unknown> };
    return { __labels: node.labels, ...mapValues(node.properties) };
  }
  if (neo4j.isRelationship(value as never)) {
    const rel = value as unknown as { type: string; properties: Record<string, unknown> };
    return { __type: rel.type, ...mapValues(rel.properties) };
  }
  return mapValues(value as Record<string, unknown>);
}

function mapValues(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) out[key] = fromNeo4j(object[key]);
  return out;
}

type Num = number | { toNumber(): number };
type DateTimeFields = {
  year: Num;
  month: Num;
  day: Num;
  hour: Num;
  minute: Num;
  second: Num;
  nanosecond: Num;
  timeZoneOffsetSeconds?: Num;
  toStandardDate(): Date;
};
const num = (value: Num): number => (typeof value === 'number' ? value : value.toNumber());

/**
 * A DateTime as the ISO-8601 UTC string `toStandardDate().toISOString()` gives (milliseconds,
 * `Z`), computed with plain numbers: the driver's own conversion does the epoch arithmetic in
 * 64-bit Integer objects, a measurable share of a `why` answer's CPU (it carries dozens of
 * datetimes). Years before 100 (which Date.UTC reads as 19xx) and zone ids take the driver's way.
 */
export function dateTimeToIso(value: DateTimeFields): string {
  const year = num(value.year);
  if (year < 100 || value.timeZoneOffsetSeconds == null) return value.toStandardDate().toISOString();
  const local = Date.UTC(
    year,
    num(value.month) - 1,
    num(value.day),
    num(value.hour),
    num(value.minute),
    num(value.second),
    Math.floor(num(value.nanosecond) / 1e6),
  );
  return new Date(local - num(value.timeZoneOffsetSeconds) * 1000).toISOString();
}
