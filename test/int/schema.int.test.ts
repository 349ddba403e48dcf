/**
 * The schema under `cypher/schema/` applies at every start-up: the second time must change
 * nothing, every index must be online, and the version must be recorded in the graph.
 */
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSchemaFiles } from '../../server/src/store/schema';
import { applyTestSchema, connectTestGraph, SCHEMA_DIR, type TestGraph } from '../support/neo4j';

interface SchemaSnapshot {
  constraints: string[];
  indexes: string[];
  offline: string[];
}

async function snapshot(driver: Driver): Promise<SchemaSnapshot> {
  const names = async (cypher: string) => {
    const { records } = await driver.executeQuery(cypher);
    return records.map((record) => String(record.get('name'))).sort();
  };
  return {
    constraints: await names('SHOW CONSTRAINTS YIELD name RETURN name'),
    indexes: await names('SHOW INDEXES YIELD name RETURN name'),
    offline: await names("SHOW INDEXES YIELD name, state WHERE state <> 'ONLINE' RETURN name"),
  };
}

/** Names declared by `CREATE CONSTRAINT name` / `CREATE … INDEX name` in the schema files. */
function declaredNames(kind: 'CONSTRAINT' | 'INDEX'): string[] {
  const pattern = new RegExp(`^CREATE\\s+(?:\\w+\\s+)?${kind}\\s+(\\w+)`);
  return readSchemaFiles(SCHEMA_DIR)
    .flatMap((file) => file.statements)
    .map((statement) => pattern.exec(statement)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('schema', () => {
  let graph: TestGraph;

  beforeAll(async () => {
    graph = await connectTestGraph();
  });

  afterAll(async () => {
    await graph?.driver.close();
  });

  it('applies, and applying again changes nothing', async () => {
    const expectedVersion = Math.max(...readSchemaFiles(SCHEMA_DIR).map((file) => file.version));

    expect(await applyTestSchema(graph)).toBe(expectedVersion);
    const first = await snapshot(graph.driver);
    expect(await applyTestSchema(graph)).toBe(expectedVersion);
    const second = await snapshot(graph.driver);

    expect(second).toEqual(first);
    expect(second.offline).toEqual([]);
    expect(declaredNames('CONSTRAINT').length).toBeGreaterThan(0);
    expect(second.constraints).toEqual(expect.arrayContaining(declaredNames('CONSTRAINT')));
    expect(second.indexes).toEqual(expect.arrayContaining(declaredNames('INDEX')));
  });

  it('records the schema version in (:SchemaMeta)', async () => {
    const [row] = await graph.executor.run<{ version: number | null; appliedAt: string | null }>('meta/schema-version');
    expect(row?.version).toBe(Math.max(...readSchemaFiles(SCHEMA_DIR).map((file) => file.version)));
    expect(row?.appliedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
