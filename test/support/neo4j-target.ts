import { inject } from 'vitest';
import type { Neo4jTarget } from '../../server/src/config';

/**
 * This worker's own test database. Vitest numbers the workers of its pool 1..N
 * (VITEST_POOL_ID) and the global setup started N databases, so no two files running at the
 * same time share one.
 */
export function testNeo4j(): Neo4jTarget {
  const pool = inject('neo4jPool');
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  return pool[(worker - 1) % pool.length]!;
}
