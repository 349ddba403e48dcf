/** Scenario time: every timestamp is "day d, hh:mm" after the (UTC midnight) start date. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Default first day of the scenario. */
export const DEFAULT_START_DATE = '2026-03-01';

/** Converts scenario-relative times to epoch milliseconds and ISO strings. */
export class Clock {
  /** Epoch ms of day 0, 00:00 UTC. */
  readonly startMs: number;

  constructor(startDate: string = DEFAULT_START_DATE) {
    const ms = Date.parse(startDate);
    if (Number.isNaN(ms)) throw new RangeError(`startDate is not a date: '${startDate}'`);
    // Truncate to midnight so deployments and inference runs line up on whole hours.
    this.startMs = Math.floor(ms / DAY_MS) * DAY_MS;
  }

  /** Epoch ms of day `day` (may be negative) at hh:mm. */
  ms(day: number, hour = 0, minute = 0): number {
    return this.startMs + day * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS;
  }

  /** ISO string of day `day` at hh:mm. */
  iso(day: number, hour = 0, minute = 0): string {
    return new Date(this.ms(day, hour, minute)).toISOString();
  }

  /** `YYYY-MM-DD` of day `day`, used in readable ids. */
  dateTag(day: number): string {
    return this.iso(day).slice(0, 10);
  }

  /** Whole days since day 0 for an epoch ms. */
  dayOf(ms: number): number {
    return Math.floor((ms - this.startMs) / DAY_MS);
  }
}

/** ISO string of epoch ms. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * Same as `iso(hourStartMs + offsetMs)` for 0 ≤ offsetMs < 1 h, given `hourPrefix` =
 * `iso(hourStartMs).slice(0, 14)` ("YYYY-MM-DDTHH:"). Skips a Date per prediction, which
 * matters at millions of predictions.
 */
export function isoWithinHour(hourPrefix: string, offsetMs: number): string {
  const minutes = Math.floor(offsetMs / MINUTE_MS);
  const rest = offsetMs - minutes * MINUTE_MS;
  const seconds = Math.floor(rest / 1000);
  return `${hourPrefix}${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
}
