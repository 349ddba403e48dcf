/**
 * The one check of date-time input, shared by the GraphQL DateTime scalar, the ingest schemas
 * and the OpenLineage validator: ISO-8601 with an offset, a real calendar date and clock time,
 * and only what Neo4j's DATETIME stores (offsets within ±18:00, at most nanoseconds). Date.parse
 * is no check: it rolls 2026-02-30 into March and reads T24:00 as the next midnight, and Neo4j
 * then failed the query (INTERNAL) instead of the client hearing what was wrong.
 */

/** The expected shape, for messages. */
export const DATE_TIME_SHAPE = 'an ISO-8601 date-time with an offset, such as 2026-03-04T10:00:00Z';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Neo4j's DATETIME offset range. */
const MAX_OFFSET_MINUTES = 18 * 60;

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether `value` has the outline of an ISO date-time (digits in place), right or wrong in detail. */
export function looksLikeDateTime(value: string): boolean {
  return PATTERN.test(value);
}

/**
 * What is wrong with a date-time, as a phrase to follow its field name (`at: is not a real
 * date: February 2026 has 28 days`), or undefined when it is a real one Neo4j can store.
 */
export function dateTimeProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be ${DATE_TIME_SHAPE}`;
  const match = PATTERN.exec(value);
  if (!match) return `must be ${DATE_TIME_SHAPE}`;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [fraction = '', , offsetHours = '0', offsetMinutes = '0'] = match.slice(7);
  if (month < 1 || month > 12) return `is not a real date: months run 01–12, not ${match[2]}`;
  if (day < 1 || day > daysIn(year, month)) return `is not a real date: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days, not ${match[3]}`;
  if (hour > 23) return `is not a real time: hours run 00–23 (midnight at the end of a day is 00:00 of the next), not ${match[4]}`;
  if (minute > 59) return `is not a real time: minutes run 00–59, not ${match[5]}`;
  if (second > 59) return `is not a real time: seconds run 00–59 (leap seconds are not stored), not ${match[6]}`;
  if (fraction.length > 9) return 'must have at most 9 fractional digits (nanoseconds)';
  if (Number(offsetMinutes) > 59) return `is not a real offset: minutes run 00–59, not ${offsetMinutes}`;
  if (Number(offsetHours) * 60 + Number(offsetMinutes) > MAX_OFFSET_MINUTES) return 'must have an offset within ±18:00';
  return undefined;
}
