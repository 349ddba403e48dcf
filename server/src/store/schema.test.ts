import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { readSchemaFiles, schemaObjectName } from './schema';

describe('schemaObjectName', () => {
  it('names every schema statement, once each, so an existing one is skipped exactly as IF NOT EXISTS skips it', () => {
    const statements = readSchemaFiles(path.join(REPO_ROOT, 'cypher', 'schema')).flatMap((file) => file.statements);
    const names = statements.map(schemaObjectName);
    expect(statements.length).toBeGreaterThan(0);
    expect(names.filter((name) => name === undefined)).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads constraint and typed index names, and nothing from a statement without IF NOT EXISTS', () => {
    expect(schemaObjectName('CREATE CONSTRAINT run_id IF NOT EXISTS FOR (n:Run) REQUIRE n.id IS UNIQUE')).toBe('run_id');
    expect(schemaObjectName('CREATE FULLTEXT INDEX tag_text IF NOT EXISTS FOR (n:Tag) ON EACH [n.name]')).toBe('tag_text');
    expect(schemaObjectName('CREATE INDEX run_kind FOR (n:Run) ON (n.kind)')).toBeUndefined();
  });
});
