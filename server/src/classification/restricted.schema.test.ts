import { getNamedType, isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLineageSchema } from '../graphql/schema';
import { declarationOf } from './restricted.schema';

/**
 * Field names and types that can carry subject data (keys, inputs, attributions, hashes over
 * them, free text and JSON recorded by pipelines). Every such field of every output type must
 * declare what it is: `@Restricted(kind)` (the policy masks it) or `@NotRestricted(reason)`.
 */
const SENSITIVE_NAMES = new Set([
  'subjectKey',
  'inputs',
  'attributions',
  'contentHash',
  'hash',
  'properties',
  'details',
  'label',
  'content',
  'manifest',
  'facets',
  'requestKey',
]);
const SENSITIVE_TYPES = new Set(['JSON', 'JSONObject']);

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildLineageSchema();
});

describe('every field that can carry restricted data declares a policy', () => {
  it('walks the whole built schema', () => {
    const undeclared: string[] = [];
    let declared = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const sensitive = SENSITIVE_NAMES.has(field.name) || SENSITIVE_TYPES.has(getNamedType(field.type).name);
        const declaration = declarationOf(field);
        if (declaration) declared++;
        if (sensitive && !declaration) undeclared.push(`${type.name}.${field.name}`);
        if (declaration?.kind === 'NONE') expect(declaration.reason.length, `${type.name}.${field.name}`).toBeGreaterThan(10);
      }
    }
    expect(undeclared).toEqual([]);
    expect(declared).toBeGreaterThan(20);
  });

  it('declares the prediction fields restricted, not merely present', () => {
    const kind = (type: string, field: string) => {
      const t = schema.getType(type);
      if (!isObjectType(t)) throw new Error(`${type} is not an object type`);
      return declarationOf(t.getFields()[field]!)?.kind;
    };
    expect(kind('WhyPrediction', 'subjectKey')).toBe('SUBJECT_KEY');
    expect(kind('WhyPrediction', 'inputs')).toBe('INPUTS');
    expect(kind('WhyPrediction', 'attributions')).toBe('ATTRIBUTIONS');
    expect(kind('PredictionHit', 'subjectKey')).toBe('SUBJECT_KEY');
    expect(kind('AffectedPrediction', 'subjectKey')).toBe('SUBJECT_KEY');
    expect(kind('LineageNode', 'properties')).toBe('NODE_PROPERTIES');
    expect(kind('LineageNode', 'label')).toBe('NODE_LABEL');
    expect(kind('WhySubgraphNode', 'label')).toBe('NODE_LABEL');
  });
});
