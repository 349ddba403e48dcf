/**
 * Writes the GraphQL schema to server/schema.graphql (committed; emit-schema.test.ts fails on drift).
 * `npm run schema:emit` after changing a type or resolver.
 */
import fs from 'node:fs';
import path from 'node:path';
import { printSchema, lexicographicSortSchema } from 'graphql';
import { REPO_ROOT } from '../config';
import { buildLineageSchema } from './schema';

export const SCHEMA_FILE = path.join(REPO_ROOT, 'server', 'schema.graphql');

/** The schema the server builds, printed in a stable (lexicographic) order. */
export async function renderSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildLineageSchema())) + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  fs.writeFileSync(SCHEMA_FILE, await renderSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
