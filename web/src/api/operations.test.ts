/// <reference types="node" />
/**
 * The hand-typed operations must stay valid against the emitted schema (server/schema.graphql):
 * a renamed or removed field fails here, not in a browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationName } from './client';
import * as operations from './operations';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/schema.graphql');
const schema = buildSchema(fs.readFileSync(schemaFile, 'utf8'));
const documents: Array<[string, string]> = Object.entries(operations as Record<string, unknown>).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : []));

describe('web GraphQL operations', () => {
  it('are all checked', () => {
    expect(documents.map(([name]) => name).sort()).toEqual(['ION', 'ION_TIMELINE', 'LINEAGE', 'LINEAGE_NEIGHBOURS', 'ME', 'MODEL_VERSION', 'RUN_STAGES', 'SEARCH_ALL', 'WHY']);
  });

  it.each(documents)('%s is valid against server/schema.graphql', (_name, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });
});

describe('operation names', () => {
  it('are read from named operations and sent with each request', () => {
    expect(operationName(operations.WHY)).toBe('Why');
    expect(operationName('query Stats { graphStats { schemaVersion } }')).toBe('Stats');
    expect(operationName('{ graphStats { schemaVersion } }')).toBeNull();
  });
});
