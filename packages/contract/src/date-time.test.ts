import { describe, expect, it } from 'vitest';
import { dateTimeProblem } from './date-time.js';

describe('dateTimeProblem', () => {
  it.each([
    ['2026-03-04T10:00:00Z'],
    ['2024-02-29T23:59:59+18:00'],
    ['2000-02-29T00:00:00-18:00'],
    ['2026-12-31T00:00:00.123456789+05:30'],
    ['0001-01-01T00:00:00Z'],
  ])('accepts %s', (value) => expect(dateTimeProblem(value)).toBeUndefined());

  it.each([
    ['2026-02-30T00:00:00Z', /February 2026 has 28 days, not 30/],
    ['2025-02-29T00:00:00Z', /February 2025 has 28 days/],
    ['1900-02-29T00:00:00Z', /February 1900 has 28 days/],
    ['2026-04-31T00:00:00Z', /April 2026 has 30 days/],
    ['2026-13-01T00:00:00Z', /months run 01–12, not 13/],
    ['2026-00-01T00:00:00Z', /months run 01–12, not 00/],
    ['2026-01-00T00:00:00Z', /has 31 days, not 00/],
    ['2026-01-01T24:00:00Z', /hours run 00–23/],
    ['2026-01-01T10:60:00Z', /minutes run 00–59/],
    ['2026-01-01T23:59:60Z', /seconds run 00–59/],
    ['2026-01-01T00:00:00+18:30', /within ±18:00/],
    ['2026-01-01T00:00:00-19:00', /within ±18:00/],
    ['2026-01-01T00:00:00+05:60', /offset: minutes run 00–59/],
    ['2026-01-01T00:00:00.1234567890Z', /9 fractional digits/],
    ['2026-01-01T00:00:00', /ISO-8601 date-time with an offset/],
    ['2026-01-01t00:00:00z', /ISO-8601/],
    ['2026-01-01T00:00Z', /ISO-8601/],
    ['+02026-01-01T00:00:00Z', /ISO-8601/],
    [20260101, /ISO-8601/],
  ])('refuses %s, saying why', (value, why) => expect(dateTimeProblem(value)).toMatch(why));
});
