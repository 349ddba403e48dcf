import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_FIELDS, MAX_QUERY_DEPTH } from '../../server/src/graphql/limits';
import { startTestServer, type TestServer } from '../support/server';

/** Abusive queries are refused before any resolver runs, with a clear error and no 5xx. */
describe('GraphQL depth and field-count limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('accepts an ordinary query', async () => {
    const response = await server.gql('{ graphStats { schemaVersion nodes { label count } } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('rejects a selection deeper than the limit while validating', async () => {
    // Ensemble members are model versions with members of their own: a schema cycle.
    let selection = 'id';
    for (let i = 0; i < MAX_QUERY_DEPTH; i++) selection = `members { id ${selection} }`;
    const response = await server.gql(`{ why(predictionId: "none") { models { ${selection} } } }`);
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/exceeds maximum operation depth of 12/);
  });

  it('counts fields through fragment spreads, so fragment bombs add up', async () => {
    const fragments = ['fragment F0 on GraphStats { schemaVersion nodes { label count } }'];
    for (let i = 1; i <= 10; i++) fragments.push(`fragment F${i} on GraphStats { ...F${i - 1} ...F${i - 1} }`);
    const response = await server.gql(`{ graphStats { ...F10 } } ${fragments.join(' ')}`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('rejects an operation selecting too many fields with LIMIT_EXCEEDED', async () => {
    const aliases = Array.from({ length: MAX_QUERY_FIELDS + 10 }, (_, i) => `a${i}: graphStats { schemaVersion }`).join(' ');
    const response = await server.gql(`{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(response.body.errors?.[0]?.extensions?.http).toBeUndefined();
    expect(response.body.errors?.[0]?.message).toMatch(/more than 2000 fields/);
    expect(response.body.data ?? null).toBeNull();
  });
});
