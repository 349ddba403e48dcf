/**
 * Finding 7: impossible dates and over-long search words answered INTERNAL. Every DateTime
 * argument must answer BAD_USER_INPUT naming the argument (as a literal) or the variable (when
 * sent as one), and a search word of 1,001+ characters BAD_USER_INPUT naming its argument.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { chainBundle, chainIds } from '../support/fixtures';
import { ingestBundle } from '../support/ingest-api';
import { type GqlResponse, startTestServer, type TestServer } from '../support/server';

const chain = chainIds('dates');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await ingestBundle(server, chainBundle('dates'));
});
afterAll(async () => server?.close());

/** Impossible calendar dates and times, offsets Neo4j cannot store, and near misses of the format. */
export const IMPOSSIBLE = [
  '2026-02-30T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T00:00:00+18:30',
  '2025-02-29T00:00:00Z',
  '2026-04-31T10:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-01-01T10:60:00Z',
  '2026-01-01T10:00:00-19:00',
  '2026-01-01T10:00:00+05:60',
  '2026-00-10T10:00:00Z',
  '2026-01-00T10:00:00Z',
];

/** Each DateTime argument of a query, with a query that puts `$value` (or a literal) into it. */
const ARGUMENTS: Array<{ name: string; query: (value: string) => string; role: Role }> = [
  { name: 'at', role: Role.INVESTIGATOR, query: (v) => `why(subjectKey: "s", at: ${v}) { prediction { id } }` },
  { name: 'asOf', role: Role.INVESTIGATOR, query: (v) => `lineage(nodeId: "${chain.predictions.primary}", asOf: ${v}) { root { id } }` },
  {
    name: 'asOf',
    role: Role.INVESTIGATOR,
    query: (v) => `lineageNeighbours(nodeId: "${chain.runs.inference}", relType: "MADE_BY", type: "Prediction", asOf: ${v}) { endCursor }`,
  },
  { name: 'from', role: Role.ADMIN, query: (v) => `ionTimeline(ionId: "${chain.ion}", from: ${v}) { from }` },
  { name: 'to', role: Role.ADMIN, query: (v) => `ionTimeline(ionId: "${chain.ion}", to: ${v}) { to }` },
];

function expectNamedBadInput(response: GqlResponse, name: string, context: string): void {
  expect(response.status, context).toBeLessThan(500);
  const error = response.body.errors?.[0];
  expect(error?.extensions?.code, `${context}: ${JSON.stringify(response.body.errors)}`).toBe('BAD_USER_INPUT');
  expect(error?.message, context).toContain(name);
  expect(
    response.body.errors?.some((e) => e.extensions?.code === 'INTERNAL'),
    context,
  ).toBe(false);
}

describe('impossible dates and times', () => {
  it('as literals: BAD_USER_INPUT naming the argument', async () => {
    for (const { name, query, role } of ARGUMENTS) {
      for (const value of IMPOSSIBLE) {
        const response = await server.gql(`{ ${query(JSON.stringify(value))} }`, undefined, { as: role });
        expectNamedBadInput(response, `${name}: `, `${name} = ${value}`);
      }
    }
  });

  it('as variables: BAD_USER_INPUT naming the variable', async () => {
    for (const { name, query, role } of ARGUMENTS) {
      for (const value of IMPOSSIBLE) {
        const response = await server.gql(`query ($${name}: DateTime) { ${query(`$${name}`)} }`, { [name]: value }, { as: role });
        expectNamedBadInput(response, `"$${name}"`, `${name} = ${value}`);
      }
    }
  });

  it('in an input object: createApiToken(expiresAt) is named too', async () => {
    const response = await server.gql(`mutation { createApiToken(name: "t", roles: [SCIENTIST], expiresAt: "2026-02-30T00:00:00Z") { secret } }`);
    expectNamedBadInput(response, 'expiresAt', 'expiresAt');
  });

  it('valid edge dates still pass: leap day, offset ±18:00, nanoseconds', async () => {
    for (const value of ['2024-02-29T00:00:00Z', '2026-01-01T00:00:00+18:00', '2026-01-01T00:00:00-18:00', '2026-01-01T23:59:59.999999999Z']) {
      const response = await server.gql(`{ lineage(nodeId: "${chain.predictions.primary}", asOf: ${JSON.stringify(value)}) { root { id } } }`, undefined, {
        as: Role.INVESTIGATOR,
      });
      expect(response.body.errors?.[0]?.extensions?.code ?? 'OK', value).not.toBe('INTERNAL');
      expect(response.body.errors?.[0]?.extensions?.code ?? 'OK', value).not.toBe('BAD_USER_INPUT');
    }
  });
});

describe('over-long search words', () => {
  const word = 'x'.repeat(1_001);
  it.each([
    ['text', `searchAll(text: "${word}") { exact { id } }`],
    ['filter.text', `searchModels(filter: { text: "${word}" }) { edges { node { id } } }`],
    ['filter.text', `searchFeatures(filter: { text: "${word}" }) { edges { node { id } } }`],
  ])('%s: BAD_USER_INPUT naming the argument', async (name, query) => {
    const response = await server.gql(`{ ${query} }`, undefined, { as: Role.SCIENTIST });
    expectNamedBadInput(response, name, name);
  });

  it('a word of 1,000 characters is still searched', async () => {
    const response = await server.gql(`{ searchAll(text: "${'y'.repeat(1_000)}") { exact { id } } }`, undefined, { as: Role.SCIENTIST });
    expect(response.body.errors).toBeUndefined();
  });
});
