/**
 * What every rejection must look like: a client status (never 5xx), errors that each carry a
 * public code other than INTERNAL and a short message, and, for malformed items, the item and
 * field named (in the message for GraphQL's own checks, in `problems` for the service's).
 */
import { expect } from 'vitest';
import { CLIENT_ERROR_CODES } from '../support/ingest-api';
import type { GqlError } from '../support/server';
import type { Malformed, Stage } from './ingest.arbitraries';

/** Longest message a rejection may carry: a clear error names the field, not megabytes of input. */
export const MAX_MESSAGE = 4_000;

/** Checks the parts every error response shares, and returns its errors. */
export function expectCleanRejection(status: number, body: { data?: unknown; errors?: GqlError[] }, context: string): GqlError[] {
  expect(status, context).toBeLessThan(500);
  const errors = body.errors ?? [];
  expect(errors.length, `no errors for ${context}`).toBeGreaterThan(0);
  expect(body.data ?? null, context).toBeNull();
  for (const error of errors) {
    expect(CLIENT_ERROR_CODES, `${context}: ${JSON.stringify(error).slice(0, 500)}`).toContain(error.extensions?.code);
    expect(typeof error.message, context).toBe('string');
    expect(error.message.length, context).toBeGreaterThan(0);
    expect(error.message.length, `${context}: message of ${error.message.length} characters`).toBeLessThanOrEqual(MAX_MESSAGE);
    for (const problem of error.extensions?.problems ?? []) {
      expect(problem.path.length, context).toBeGreaterThan(0);
      expect(problem.message.length, context).toBeGreaterThan(0);
    }
  }
  return errors;
}

/** Whether a GraphQL message names a field: `Field "at" of required type`, `at "items[0].at"`, `.ids[0]`. */
function namesField(message: string, field: string): boolean {
  return message.includes(`"${field}"`) || message.includes(`.${field}"`) || message.includes(`.${field}[`);
}

/** Whether a problem path is exactly the field or inside it (`modelVersionIds[2]`, `inputs.a`). */
function pathNames(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * Checks that a rejected delivery names each of its malformed items. `where(i)` gives how the
 * request addresses item i (`items[3]`, `bundle.runs[1]`, `item`) and `part(i)` the service's own
 * path (`predictions[3]`). Only items failing at the earliest stage present are named: the
 * request stops there.
 */
export function expectItemsNamed(
  errors: GqlError[],
  items: readonly Malformed[],
  where: (i: number) => string,
  servicePath: (i: number) => string,
  context: string,
): void {
  const first = Math.min(...items.map((m) => m.stage)) as Stage;
  const due = items.map((m, i) => ({ m, i })).filter(({ m }) => m.stage === first);
  const describe = (m: Malformed, i: number) =>
    `${context}: item ${i} (${m.part}.${m.field}: ${m.defect.slice(0, 120)}) not named in ${JSON.stringify(errors).slice(0, 1500)}`;
  if (first === 1) {
    for (const { m, i } of due) {
      const named = errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.message.includes(where(i)) && namesField(e.message, m.field));
      expect(named, describe(m, i)).toBe(true);
    }
    return;
  }
  const problems = errors.flatMap((e) => (e.extensions?.problems ?? []).map((p) => ({ ...p, code: e.extensions?.code })));
  if (first === 4) {
    expect(errors[0]!.extensions?.code, context).toBe('CONFLICT');
    const named = due.some(({ i }) => problems.some((p) => p.path === `${servicePath(i)}.id`));
    expect(named, describe(due[0]!.m, due[0]!.i)).toBe(true);
    return;
  }
  expect(errors[0]!.extensions?.code, context).toBe('BAD_USER_INPUT');
  for (const { m, i } of due) {
    expect(
      problems.some((p) => pathNames(p.path, `${servicePath(i)}.${m.field}`)),
      describe(m, i),
    ).toBe(true);
  }
  // The message itself names a field too, not only the structured problems.
  expect(errors[0]!.message, context).toMatch(/\[\d+\]\.\w+/);
}
