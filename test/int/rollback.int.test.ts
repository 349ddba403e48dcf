/**
 * Tests can write through the real ingest path inside a transaction they roll back: the
 * executor binds a runner to a transaction someone else manages, and `writeBundle` writes a
 * whole bundle in it. Nothing of it is left once the transaction is rolled back.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle } from '../../server/src/ingest/ingest-service';
import { chainBundle } from '../support/fixtures';
import { countNodes } from '../support/ingest-api';
import { applyTestSchema, connectTestGraph, type TestGraph } from '../support/neo4j';

const P = 'rollback';
let graph: TestGraph;

beforeAll(async () => {
  graph = await connectTestGraph();
  await applyTestSchema(graph);
}, 120_000);

afterAll(async () => {
  await graph?.driver.close();
});

describe('a test transaction that is rolled back', () => {
  it('sees its own writes, and leaves nothing behind', async () => {
    const session = graph.driver.session();
    const tx = session.beginTransaction();
    try {
      // An explicit transaction runs queries exactly like a managed one; the runner only uses `run`.
      const runner = graph.executor.runnerFor(tx as unknown as ManagedTransaction);
      const result = await writeBundle(runner, chainBundle(P));
      expect(result.predictions?.created).toBeGreaterThan(0);
      const inside = await tx.run('MATCH (n) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n', { prefix: `${P}.` });
      expect(Number(inside.records[0]!.get('n'))).toBeGreaterThan(10);
    } finally {
      await tx.rollback();
      await session.close();
    }
    expect(await countNodes(graph.driver, 'Prediction', P)).toBe(0);
    expect(await countNodes(graph.driver, 'Run', P)).toBe(0);
  });
});
