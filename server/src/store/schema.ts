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

/**
 * Applies every schema statement (all are `IF NOT EXISTS`, so applying twice changes nothing),
 * waits for the indexes to come online, and records the schema version in the graph.
 * Schema commands cannot share a transaction with data writes, hence their own sessions.
 */
export async function applySchema(driver: Driver, executor: Executor, schemaDir: string): Promise<number> {
  const files = readSchemaFiles(schemaDir);
  const session = driver.session();
  try {
    for (const file of files) {
      for (const statement of file.statements) await session.run(statement);
    }
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
  const version = Math.max(0, ...files.map((file) => file.version));
  await executor.run('meta/record-schema-version', { version, files: files.map((file) => file.file) });
  return version;
}
