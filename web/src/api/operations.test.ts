/// <reference types="node" />
/**
 * The generated documents must stay valid against the committed schema (server/schema.graphql):
 * a renamed or removed field fails here, not in a browser. (web/codegen.test.ts checks that
 * generated.ts is what the generator writes today.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationName } from './client';
import * as generated from './generated';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server/schema.graphql');
const schema = buildSchema(fs.readFileSync(schemaFile, 'utf8'));
const documents: Array<[string, string]> = Object.entries(generated as Record<string, unknown>).flatMap(([name, value]) =>
  value instanceof generated.TypedDocumentString && name.endsWith('Document') ? [[name, value.toString()] as [string, string]] : [],
);

describe('web GraphQL operations', () => {
  it('are all generated', () => {
    expect(documents.map(([name]) => name).sort()).toEqual([
      'DriftSeriesDocument',
      'IonDocument',
      'IonTimelineDocument',
      'LineageDocument',
      'MeDocument',
      'ModelVersionDocument',
      'NeighboursDocument',
      'PredictionsDuringDriftDocument',
      'RecentPredictionsDocument',
      'ReplayDocument',
      'ReplayJobDocument',
      'RunStagesDocument',
      'SearchAllDocument',
      'StartReplayJobDocument',
      'StatsDocument',
      'WhyDocument',
    ]);
  });

  it.each(documents)('%s is valid against server/schema.graphql', (_name, document) => {
    expect(validate(schema, parse(document)).map((error) => error.message)).toEqual([]);
  });
});

describe('operation names', () => {
  it('are read from named operations and sent with each request', () => {
    expect(operationName(generated.WhyDocument.toString())).toBe('Why');
    expect(operationName('query Stats { graphStats { schemaVersion } }')).toBe('Stats');
    expect(operationName('{ graphStats { schemaVersion } }')).toBeNull();
  });
});
