/**
 * The committed schema (server/schema.graphql) is what the web's generated operation types and
 * external clients are built from: it must be exactly what the code builds today.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSchema, SCHEMA_FILE } from './emit-schema';

describe('server/schema.graphql', () => {
  it('is what renderSchema() prints (run `npm run schema:emit` after changing a type or resolver)', async () => {
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    const rendered = await renderSchema();
    expect(rendered, 'server/schema.graphql is stale: run `npm run schema:emit` and commit it').toBe(committed);
  });
});
