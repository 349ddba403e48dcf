import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import type { Executor } from './executor';

export interface SchemaFile {
  version: number;
  file: string;
  statements: string[];
}

/** Reads `cypher/schema/NNN-*.cypher`, each a list of `;`-terminated idempotent statements. */
export function readSchemaFiles(schemaDir: string): SchemaFile[] {
  return fs
    .readdirSync(schemaDir)
    .filter((file) => /^\d{3}-.+\.cypher$/.test(file))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(schemaDir, file), 'utf8');
      const statements = text
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n')
        .split(';')
        .map((statement) => statement.trim())
        .filter(Boolean);
      return { version: Number(file.slice(0, 3)), file, statements };
    });
}

/** The name a `CREATE CONSTRAINT|INDEX <name> IF NOT EXISTS` statement gives, if it names one. */
export function schemaObjectName(statement: string): string | undefined {
  return /^CREATE\s+(?:\w+\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b/i.exec(statement)?.[1];
}

/**
 * Applies every schema statement (all are `IF NOT EXISTS`, so applying twice changes nothing),
 * waits for the indexes to come online, and records the schema version in the graph.
 * Statements whose constraint or index name already exists are skipped, as `IF NOT EXISTS`
 * would skip them: even a no-op schema command cost ~0.1 s, and every start applies them all.
 * The rest run in one schema transaction (one commit, instead of ~0.25 s per statement on a
 * fresh store); schema commands cannot share a transaction with data writes.
 */
export async function applySchema(driver: Driver, executor: Executor, schemaDir: string): Promise<number> {
  const files = readSchemaFiles(schemaDir);
  const session = driver.session();
  try {
    const existing = await session.executeRead(async (tx) => {
      const constraints = await tx.run('SHOW CONSTRAINTS YIELD name RETURN name');
      const indexes = await tx.run('SHOW INDEXES YIELD name RETURN name');
      return new Set([...constraints.records, ...indexes.records].map((record) => record.get('name') as string));
    });
    const missing = files.flatMap((file) => file.statements).filter((statement) => !existing.has(schemaObjectName(statement) ?? ''));
    if (missing.length > 0) {
      await session.executeWrite(async (tx) => {
        for (const statement of missing) await tx.run(statement);
      });
    }
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
  const version = Math.max(0, ...files.map((file) => file.version));
  await executor.run('meta/record-schema-version', { version, files: files.map((file) => file.file) });
  return version;
}
