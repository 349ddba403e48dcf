import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUERY_COMPLEXITY, MAX_QUERY_DEPTH } from '../../server/src/graphql/limits';
import { startTestServer, type TestServer } from '../support/server';

/** Abusive queries are refused before any resolver runs, with a clear error and no 5xx. */
describe('GraphQL depth and complexity limits', () => {
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
    // Introspection types nest without end, which makes an honest deep query.
    let selection = 'name';
    for (let i = 0; i < MAX_QUERY_DEPTH + 2; i++) selection = `ofType { ${selection} }`;
    const response = await server.gql(`{ __type(name: "Query") { fields { type { ${selection} } } } }`);
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.body.errors?.[0]?.message).toMatch(/exceeds maximum operation depth of 12/);
  });

  it('rejects an operation selecting too many fields with LIMIT_EXCEEDED', async () => {
    const aliases = Array.from({ length: MAX_QUERY_COMPLEXITY + 10 }, (_, i) => `a${i}: graphStats { schemaVersion }`).join(' ');
    const response = await server.gql(`{ ${aliases} }`);
    expect(response.status).toBeLessThan(500);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(response.body.errors?.[0]?.message).toMatch(/at most 2000/);
    expect(response.body.data ?? null).toBeNull();
  });
});
