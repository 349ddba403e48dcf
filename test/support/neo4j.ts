/**
 * Helpers for integration tests (`*.int.test.ts`): a driver, the real query registry, the
 * executor and the services, wired exactly as the server wires them, and pointed at the
 * database the global setup provides.
 */
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { CYPHER_DIR, openGraph } from '../../server/src/graph';
import type { Services } from '../../server/src/graphql/context';
import { CypherRegistry } from '../../server/src/store/cypher-registry';
import type { Executor } from '../../server/src/store/executor';
import { QUERY_NAMES } from '../../server/src/store/query-names';
import { applySchema } from '../../server/src/store/schema';
import { testNeo4j } from './neo4j-target';

export { CYPHER_DIR };
export const SCHEMA_DIR = path.join(CYPHER_DIR, 'schema');

/**
 * Deletes every node in batches so a large graph does not need one huge transaction.
 * `CALL … IN TRANSACTIONS` only runs in an auto-commit transaction (`session.run`). Test-only
 * and without input, so it lives here rather than in the query registry.
 */
const WIPE = 'MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS';

export interface TestGraph {
  driver: Driver;
  registry: CypherRegistry;
  executor: Executor;
  services: Services;
}

/** The service's real registry: every query the code names, checked against `cypher/`. */
export function loadRegistry(): CypherRegistry {
  return new CypherRegistry(CYPHER_DIR, QUERY_NAMES);
}

/** Connects to the test database (same driver settings as the server); close `driver` in `afterAll`. */
export async function connectTestGraph(): Promise<TestGraph> {
  const { driver, registry, services } = openGraph(testNeo4j());
  await driver.verifyConnectivity();
  return { driver, registry, executor: services.executor, services };
}

/** Test-only read straight over Bolt: each record as a plain object. */
export async function readRows<T = Record<string, unknown>>(driver: Driver, query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const { records } = await driver.executeQuery(query, params);
  return records.map((record) => record.toObject() as T);
}

/** Removes all nodes and relationships; the schema (constraints, indexes) stays. */
export async function wipeGraph(driver: Driver): Promise<void> {
  const session = driver.session();
  try {
    await session.run(WIPE);
  } finally {
    await session.close();
  }
}

/** Applies `cypher/schema/` as start-up does; returns the recorded schema version. */
export function applyTestSchema(graph: TestGraph): Promise<number> {
  return applySchema(graph.driver, graph.executor, SCHEMA_DIR);
}
