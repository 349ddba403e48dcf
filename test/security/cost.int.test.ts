/**
 * Finding 6: one request stalled everyone. 60 aliased `lineage(depth: 10, direction: BOTH,
 * neighbourLimit: 500)` fields ran ~30 s. The query-cost analysis must refuse it before any
 * resolver runs, naming its cost and the limit; the per-principal cap on expensive requests
 * must refuse a caller's extra heavy request while other callers are still served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { chainBundle, chainIds } from '../support/fixtures';
import { ingestBundle } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

const chain = chainIds('cost');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await ingestBundle(server, chainBundle('cost'));
});
afterAll(async () => server?.close());

const heavyField = (alias: string) =>
  `${alias}: lineage(nodeId: "${chain.predictions.primary}", depth: 10, direction: BOTH, neighbourLimit: 500) { root { id } }`;

describe('query cost', () => {
  it('refuses 60 aliased maximal lineage walks up front, naming the cost and the limit', async () => {
    const query = `{ ${Array.from({ length: 60 }, (_, i) => heavyField(`a${i}`)).join(' ')} }`;
    const started = performance.now();
    const response = await server.gql(query, undefined, { as: Role.INVESTIGATOR });
    const elapsed = performance.now() - started;
    expect(response.status).toBe(400);
    expect(response.body.data ?? null).toBeNull();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(error?.message).toMatch(/cost of [\d,]+ exceeds the limit of [\d,]+/);
    expect(error?.extensions?.cost).toBeGreaterThan(error?.extensions?.limit as number);
    // Refused while validating: no walk ran (the attack took ~30 s).
    expect(elapsed).toBeLessThan(2_000);
  });

  it('counts aliases: the same walk once is allowed', async () => {
    const response = await server.gql(`{ ${heavyField('one')} }`, undefined, { as: Role.INVESTIGATOR });
    expect(response.body.errors).toBeUndefined();
    expect((response.body.data as { one: { root: { id: string } } }).one.root.id).toBe(chain.predictions.primary);
  });

  it('counts fragments and variables: a spread cannot hide the walk and variables are costed', async () => {
    const fragment = 'fragment W on Query { lineage(nodeId: $id, depth: $depth, direction: BOTH, neighbourLimit: $limit) { root { id } } }';
    const spreads = Array.from(
      { length: 40 },
      (_, i) => `f${i}: lineage(nodeId: $id, depth: $depth, direction: BOTH, neighbourLimit: $limit) { root { id } }`,
    ).join(' ');
    const response = await server.gql(
      `query ($id: String!, $depth: Int!, $limit: Int!) { ...W ${spreads} } ${fragment}`,
      { id: chain.predictions.primary, depth: 10, limit: 500 },
      { as: Role.INVESTIGATOR },
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });

  it('prices big pages of neighbours, searches and exports, not only lineage', async () => {
    const pages = Array.from(
      { length: 60 },
      (_, i) => `p${i}: lineageNeighbours(nodeId: "${chain.runs.inference}", relType: "MADE_BY", type: "Prediction", first: 1000) { endCursor }`,
    ).join(' ');
    expect((await server.gql(`{ ${pages} }`, undefined, { as: Role.INVESTIGATOR })).body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
    const exports = Array.from(
      { length: 10 },
      (_, i) => `e${i}: exportSubgraph(rootId: "${chain.predictions.primary}", depth: 10, direction: BOTH, neighbourLimit: 500) { signature }`,
    ).join(' ');
    expect((await server.gql(`{ ${exports} }`)).body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('concurrent expensive requests per principal', () => {
  it('refuses a caller its next expensive request while its slots are taken, and serves other callers', async () => {
    const limiter = server.limiter;
    const analyst = `test:${Role.INVESTIGATOR}`;
    const held = Array.from({ length: limiter.maxPerPrincipal }, () => limiter.acquire(analyst));
    try {
      const refused = await server.gql(`{ ${heavyField('one')} }`, undefined, { as: Role.INVESTIGATOR });
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
      expect(refused.body.errors?.[0]?.message).toMatch(/expensive requests in flight/);
      // Cheap requests of the same caller still pass; so does another caller's heavy one.
      const cheap = await server.gql(`{ why(predictionId: "${chain.predictions.primary}") { prediction { id } } }`, undefined, { as: Role.INVESTIGATOR });
      expect(cheap.body.errors).toBeUndefined();
      const other = await server.gql(`{ ${heavyField('one')} }`, undefined, { as: Role.SCIENTIST });
      expect(other.body.errors).toBeUndefined();
    } finally {
      for (const release of held) release?.();
    }
    const again = await server.gql(`{ ${heavyField('one')} }`, undefined, { as: Role.INVESTIGATOR });
    expect(again.body.errors).toBeUndefined();
  });
});
