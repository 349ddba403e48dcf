/**
 * Finding 6 (second half): a read ran as long as it liked (the only bound was Neo4j's global
 * five minutes), holding a connection while other callers waited. Every read transaction now
 * has a server-side timeout (NEO4J_QUERY_TIMEOUT_MS), and running over it answers
 * LIMIT_EXCEEDED naming the limit, not INTERNAL.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, LineageError } from '../../server/src/errors';
import { loadRegistry } from '../../server/src/graph';
import { Executor } from '../../server/src/store/executor';
import { testNeo4j } from '../support/neo4j-target';

const target = testNeo4j();
const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true });
beforeAll(async () => driver.verifyConnectivity());
afterAll(async () => driver.close());

describe('read transaction timeout', () => {
  it('stops a read that runs over its timeout on the server, as LIMIT_EXCEEDED naming the limit', async () => {
    const executor = new Executor(driver, loadRegistry(), { readTimeoutMs: 200 });
    // The transaction stays open on the server past its timeout (Neo4j's monitor looks every
    // 2 s), exactly as a slow walk would; its next statement must fail.
    const outcome = await executor
      .transaction('READ', async (tx) => {
        await tx.run('meta/count-nodes');
        await sleep(3_500);
        return tx.run('meta/count-nodes');
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(outcome).toBeInstanceOf(LineageError);
    expect((outcome as LineageError).code).toBe(ErrorCode.LIMIT_EXCEEDED);
    expect((outcome as LineageError).message).toMatch(/longer than 0\.2 s/);
  });

  it('leaves quick reads and writes alone', async () => {
    const executor = new Executor(driver, loadRegistry(), { readTimeoutMs: 200 });
    const rows = await executor.run('meta/count-nodes');
    expect(Array.isArray(rows)).toBe(true);
  });
});
