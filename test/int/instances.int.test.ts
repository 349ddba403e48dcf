/**
 * N stateless instances on one Neo4j (issue "Scale"): two service instances, each its own
 * driver and app, take the same deliveries at once (a client retrying on whichever instance
 * answers): nothing is lost, nothing is duplicated, and each answer counts replays as such.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainBundle, chainIds, predictionBatch } from '../support/fixtures';
import { batchMutation, countNodes, expectSuccess, type Counts } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

const P = `instances-${randomUUID().slice(0, 8)}`;
const ids = chainIds(P);
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  a = await startTestServer();
  b = await startTestServer();
  await a.graph.services.ingest.ingestBundle(chainBundle(P));
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

async function send(server: TestServer, items: unknown[]): Promise<Counts> {
  const response = await server.gql<{ result: Counts }>(batchMutation('predictions'), { items });
  expectSuccess(response);
  return response.body.data!.result;
}

describe('two instances writing the same items at once', () => {
  it('store every item exactly once, however often and wherever it is retried', async () => {
    const batches = Array.from({ length: 4 }, (_, i) => predictionBatch(ids, `b${i}`, 250));
    // Every batch goes to both instances, twice each, all at once.
    const sends = batches.flatMap((batch) => [a, b, a, b].map((server) => send(server, batch)));
    const results = await Promise.all(sends);
    for (let i = 0; i < batches.length; i++) {
      const mine = results.slice(i * 4, i * 4 + 4);
      expect(mine.reduce((sum, r) => sum + r.created, 0)).toBe(250);
      expect(mine.every((r) => r.created + r.unchanged === 250)).toBe(true);
    }
    expect(await countNodes(a.graph.driver, 'Prediction', `${ids.predictions.primary}.b`)).toBe(1000);
    const { records } = await a.graph.driver.executeQuery(
      'MATCH (p:Prediction) WHERE p.id STARTS WITH $prefix WITH p.id AS id, count(*) AS copies WHERE copies > 1 RETURN count(id) AS duplicated',
      { prefix: `${ids.predictions.primary}.b` },
    );
    expect(Number(records[0]!.get('duplicated'))).toBe(0);
    const { records: links } = await a.graph.driver.executeQuery('MATCH (p:Prediction)-[r:MADE_BY]->() WHERE p.id STARTS WITH $prefix RETURN count(r) AS n', {
      prefix: `${ids.predictions.primary}.b`,
    });
    expect(Number(links[0]!.get('n'))).toBe(1000);
  });
});
