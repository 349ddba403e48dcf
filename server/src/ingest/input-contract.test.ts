import {
  getNullableType,
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildLineageSchema } from '../graphql/schema';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';
import { BUNDLE_ORDER, LIMITS } from '@ion-lineage/contract';
import { SPECS } from './entities';
import { PART_INPUTS } from './ingest.types';
import { isDateTimeSchema, principalSchema } from '@ion-lineage/contract/schemas';

/**
 * The zod schemas are the one definition of every ingest entity; the GraphQL input types are
 * declared separately (type-graphql classes) and must say the same thing. This test compares
 * them in the built schema, field by field and both ways: names, optionality (nullable ⇔
 * optional), scalar kinds, enum values, lists and nested inputs, and any "at most N" the GraphQL
 * side states. A field added on one side only fails here, whichever side it is.
 */

type AnyZod = z.core.$ZodType;

/** The `max_length` limit of a zod string or array, if it declares one. */
function maxLengthOf(schema: AnyZod): number | undefined {
  const limits = (schema._zod.def.checks ?? [])
    .map((check) => check._zod.def as { check: string; maximum?: number })
    .filter((def) => def.check === 'max_length' && typeof def.maximum === 'number')
    .map((def) => def.maximum!);
  return limits.length ? Math.min(...limits) : undefined;
}

/** `at most 1,000` in a GraphQL description, as a number. */
function statedLimit(description: string | null | undefined): number | undefined {
  const match = /at most ([\d,]+)/.exec(description ?? '');
  return match ? Number(match[1]!.replaceAll(',', '')) : undefined;
}

/** What one zod value type and one GraphQL input type disagree on (empty when they agree). */
function compareType(path: string, zod: AnyZod, gql: GraphQLInputType): string[] {
  const def = zod._zod.def;
  const named = getNullableType(gql);
  switch (def.type) {
    case 'string': {
      const datetime = isDateTimeSchema(zod);
      const expected = datetime ? [DateTimeScalar.name] : ['String', 'ID'];
      return isScalarType(named) && expected.includes(named.name) ? [] : [`${path}: zod ${datetime ? 'date-time ' : ''}string, GraphQL ${String(gql)}`];
    }
    case 'number': {
      const expected = (zod as z.ZodNumber).isInt ? 'Int' : 'Float';
      return isScalarType(named) && named.name === expected ? [] : [`${path}: zod ${expected === 'Int' ? 'integer' : 'number'}, GraphQL ${String(gql)}`];
    }
    case 'boolean':
      return isScalarType(named) && named.name === 'Boolean' ? [] : [`${path}: zod boolean, GraphQL ${String(gql)}`];
    case 'record':
      return isScalarType(named) && named.name === JSONObjectScalar.name ? [] : [`${path}: zod JSON object, GraphQL ${String(gql)}`];
    case 'enum': {
      if (!isEnumType(named)) return [`${path}: zod enum, GraphQL ${String(gql)}`];
      const zodValues = [...(zod as z.ZodEnum).options].sort();
      const gqlValues = named
        .getValues()
        .map((value) => value.value as string)
        .sort();
      return JSON.stringify(zodValues) === JSON.stringify(gqlValues)
        ? []
        : [`${path}: enum values differ: zod ${zodValues.join('|')}, GraphQL ${gqlValues.join('|')}`];
    }
    case 'array': {
      if (!isListType(named)) return [`${path}: zod array, GraphQL ${String(gql)}`];
      const element = (zod as z.ZodArray<AnyZod>).element;
      const problems = isNonNullType(named.ofType) ? [] : [`${path}[]: GraphQL list elements are nullable, zod's are not`];
      return [...problems, ...compareType(`${path}[]`, element, named.ofType)];
    }
    case 'object':
      return isInputObjectType(named) ? compareInput(named, zod as z.ZodObject, path) : [`${path}: zod object, GraphQL ${String(gql)}`];
    default:
      return [`${path}: zod type '${def.type}' has no GraphQL counterpart in this test`];
  }
}

/** What a GraphQL input object and a zod object disagree on, field by field, both ways. */
function compareInput(gql: GraphQLInputObjectType, zod: z.ZodObject, path = gql.name): string[] {
  const problems: string[] = [];
  const gqlFields = gql.getFields();
  const shape = zod.shape as Record<string, AnyZod>;
  for (const name of Object.keys(gqlFields)) if (!(name in shape)) problems.push(`${path}.${name}: in GraphQL, not in zod`);
  for (const [name, declared] of Object.entries(shape)) {
    const field = gqlFields[name];
    if (!field) {
      problems.push(`${path}.${name}: in zod, not in GraphQL`);
      continue;
    }
    const optional = declared._zod.def.type === 'optional';
    const inner = optional ? (declared as z.ZodOptional<AnyZod>).unwrap() : declared;
    if (optional === isNonNullType(field.type)) {
      problems.push(`${path}.${name}: ${optional ? 'optional in zod, required' : 'required in zod, nullable'} in GraphQL`);
    }
    problems.push(...compareType(`${path}.${name}`, inner, field.type));
    const stated = statedLimit(field.description);
    if (stated !== undefined && stated !== maxLengthOf(inner)) {
      problems.push(`${path}.${name}: GraphQL states at most ${stated}, zod allows ${maxLengthOf(inner) ?? 'any'}`);
    }
  }
  return problems;
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildLineageSchema();
});

function inputType(name: string): GraphQLInputObjectType {
  const type = schema.getType(name);
  if (!isInputObjectType(type)) throw new Error(`${name} is not an input type of the built schema`);
  return type;
}

describe('GraphQL ingest inputs match the zod schemas', () => {
  it.each(BUNDLE_ORDER)('%s: every field, both ways', (part) => {
    const gql = inputType(PART_INPUTS[part].input.name);
    expect(compareInput(gql, SPECS[part].schema as unknown as z.ZodObject)).toEqual([]);
  });

  it('the bundle input has exactly one optional list per part, in write order', () => {
    const fields = inputType('IngestBundleInput').getFields();
    expect(Object.keys(fields)).toEqual([...BUNDLE_ORDER]);
    for (const part of BUNDLE_ORDER) {
      expect(String(fields[part]!.type), part).toBe(`[${PART_INPUTS[part].input.name}!]`);
    }
  });

  it('the batch mutations state the batch limit the engine enforces', () => {
    const mutations = schema.getMutationType()!.getFields();
    for (const part of BUNDLE_ORDER) {
      const batch = mutations[`ingest${PART_INPUTS[part].plural}`];
      expect(statedLimit(batch?.description), part).toBe(LIMITS.batchItems);
    }
  });
});

describe('the comparison catches a field added on one side only', () => {
  const principalInput = () => inputType('PrincipalInput');
  /** PrincipalInput with other fields, as a second GraphQL declaration would read. */
  const gqlWith = (extra: Record<string, { type: GraphQLInputType; description?: string }>) =>
    new GraphQLInputObjectType({ name: 'PrincipalInput', fields: () => ({ ...principalInput().toConfig().fields, ...extra }) });

  it('a GraphQL-only field', () => {
    expect(compareInput(gqlWith({ team: { type: GraphQLString } }), principalSchema)).toEqual(['PrincipalInput.team: in GraphQL, not in zod']);
  });

  it('a zod-only field (the optional field that used to type-check and fail at run time)', () => {
    expect(compareInput(principalInput(), principalSchema.extend({ team: z.string().optional() }))).toEqual(['PrincipalInput.team: in zod, not in GraphQL']);
  });

  it('optionality, scalar kind, enum values and a stated limit', () => {
    const drifted = principalSchema.extend({ email: z.string().max(5), kind: z.enum(['HUMAN', 'SERVICE', 'ROBOT']), name: z.number() });
    const gql = gqlWith({
      email: { type: GraphQLString, description: 'at most 512 characters' },
      tags: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    });
    expect(compareInput(gql, drifted.extend({ tags: z.array(z.string()).optional() }))).toEqual([
      'PrincipalInput.name: zod number, GraphQL String!',
      'PrincipalInput.kind: enum values differ: zod HUMAN|ROBOT|SERVICE, GraphQL HUMAN|SERVICE',
      'PrincipalInput.email: required in zod, nullable in GraphQL',
      'PrincipalInput.email: GraphQL states at most 512, zod allows 5',
    ]);
    expect(compareType('x', z.array(z.string()), new GraphQLList(GraphQLString))).toEqual(["x[]: GraphQL list elements are nullable, zod's are not"]);
    expect(compareType('x', z.string(), new GraphQLEnumType({ name: 'E', values: { A: {} } }))).toEqual(['x: zod string, GraphQL E']);
  });
});
