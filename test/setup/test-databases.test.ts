import { describe, expect, it } from 'vitest';
import { containerEnvironment, testDatabaseCount, TEST_NEO4J_SETTINGS } from './test-databases';

describe('test databases', () => {
  it('one per worker: 2 by default, TEST_DATABASES to change it, one for a configured NEO4J_URI', () => {
    expect(testDatabaseCount({})).toBe(2);
    expect(testDatabaseCount({ TEST_DATABASES: '3' })).toBe(3);
    expect(testDatabaseCount({ NEO4J_URI: 'bolt://db:7687', TEST_DATABASES: '3' })).toBe(1);
    expect(() => testDatabaseCount({ TEST_DATABASES: '0' })).toThrow(/TEST_DATABASES must be a positive integer/);
  });

  it('gives a container the launcher settings under the names of the Neo4j image', () => {
    expect(containerEnvironment(TEST_NEO4J_SETTINGS)).toEqual({
      NEO4J_dbms_cypher_min__replan__interval: '1h',
      NEO4J_dbms_cypher_statistics__divergence__threshold: '1.0',
    });
  });
});
