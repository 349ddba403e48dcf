/**
 * The whole permission table over HTTP: every root Query and Mutation field of the executable
 * schema (so a new field without `@Authorized` fails here) × every role, plus no token at all.
 * Allowed → neither FORBIDDEN, UNAUTHENTICATED nor INTERNAL (NOT_FOUND or BAD_USER_INPUT for
 * the probe arguments are fine); not allowed → FORBIDDEN naming the permission; no token → HTTP 401.
 */
import {
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  isLeafType,
  type GraphQLField,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootFieldPermissions } from '../../server/src/auth/field-permissions';
import { Permission, PERMISSIONS } from '../../server/src/auth/permissions';
import { ALL_ROLES, type Role } from '../../server/src/auth/roles';
import { buildLineageSchema } from '../../server/src/graphql/schema';
import { type Caller, startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let schema: GraphQLSchema;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  schema = await buildLineageSchema();
});

afterAll(async () => {
  await server?.close();
});

const PROBE = 'auth-table-probe';

/** A value of the input type that passes GraphQL coercion (the service may still refuse it). */
function probeValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return probeValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value as unknown;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTime':
        return '2026-01-01T00:00:00Z';
      case 'JSON':
      case 'JSONObject':
        return {};
      default:
        return PROBE;
    }
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = probeValue(field.type);
    }
    return value;
  }
  throw new Error(`no probe for ${String(type)}`);
}

/** One operation calling `field` with probe values for its required arguments and `__typename` as selection. */
function probeOperation(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = required.length ? `(${required.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `${kind} Probe${declarations ? `(${declarations})` : ''} { ${field.name}${call}${selection} }`,
    variables: Object.fromEntries(required.map((arg) => [arg.name, probeValue(arg.type)])),
  };
}

function allowed(roles: readonly Role[], permissions: readonly Permission[]): boolean {
  return permissions.every((permission) => roles.some((role) => PERMISSIONS[permission].includes(role)));
}

/** Root fields any authenticated caller may use (`@Authorized()` with no permission): only these. */
const OPEN_TO_EVERY_CALLER = new Set(['Query.me']);

describe('the permission table, every root field × every role', () => {
  it('every root field declares its permissions', () => {
    const declared = rootFieldPermissions();
    const unprotected = (kind: 'Query' | 'Mutation', name: string) => {
      const permissions = declared[kind].get(name);
      return permissions === undefined || (permissions.length === 0 && !OPEN_TO_EVERY_CALLER.has(`${kind}.${name}`));
    };
    const missing = [
      ...Object.keys(schema.getQueryType()!.getFields())
        .filter((name) => unprotected('Query', name))
        .map((name) => `Query.${name}`),
      ...Object.keys(schema.getMutationType()!.getFields())
        .filter((name) => unprotected('Mutation', name))
        .map((name) => `Mutation.${name}`),
    ];
    expect(missing, 'root fields without @Authorized(Permission.X)').toEqual([]);
  });

  it('allows exactly the roles the table names, refuses the others with FORBIDDEN, and anonymous callers with 401', async () => {
    const declared = rootFieldPermissions();
    const callers: Caller[] = [...ALL_ROLES, [], null];
    const outcomes: string[] = [];
    const problems: string[] = [];
    for (const [kind, type] of [
      ['query', schema.getQueryType()!],
      ['mutation', schema.getMutationType()!],
    ] as const) {
      const table = kind === 'query' ? declared.Query : declared.Mutation;
      for (const field of Object.values(type.getFields())) {
        const permissions = table.get(field.name) ?? [];
        const { query, variables } = probeOperation(kind, field);
        for (const caller of callers) {
          const roles = caller === null ? [] : typeof caller === 'string' ? [caller] : caller;
          const { status, body } = await server.gql(query, variables, { as: caller });
          const codes = (body.errors ?? []).map((error) => error.extensions?.code);
          const who = caller === null ? 'anonymous' : roles.join('+') || 'no-role';
          const label = `${kind} ${field.name} as ${who}`;
          if (caller === null) {
            if (status !== 401 || codes[0] !== 'UNAUTHENTICATED') problems.push(`${label}: expected 401 UNAUTHENTICATED, got ${status} ${codes.join(',')}`);
          } else if (allowed(roles, permissions)) {
            // Probe arguments may be refused (BAD_USER_INPUT, NOT_FOUND), but never crash the field.
            if (codes.some((code) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED' || code === 'INTERNAL'))
              problems.push(`${label}: expected allowed, got ${codes.join(',')}`);
            outcomes.push(`${label}: allowed`);
          } else {
            const forbidden = body.errors?.find((error) => error.extensions?.code === 'FORBIDDEN');
            if (!forbidden) problems.push(`${label}: expected FORBIDDEN, got ${status} ${codes.join(',') || 'no error'}`);
            else if (!permissions.some((permission) => forbidden.message.includes(permission)))
              problems.push(`${label}: FORBIDDEN does not name ${permissions.join(', ')}`);
            else if (body.data?.[field.name] != null) problems.push(`${label}: FORBIDDEN but data returned`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // Every role may do something, and ADMIN every operation of the API but those that need
    // clearance to see restricted data (administration is not clearance).
    for (const role of ALL_ROLES)
      expect(
        outcomes.some((line) => line.endsWith(`as ${role}: allowed`)),
        role,
      ).toBe(true);
    const needsClearance = [...declared.Query.values(), ...declared.Mutation.values()].filter((p) => p.includes(Permission.SEE_RESTRICTED_DATA)).length;
    const fields = Object.keys(schema.getQueryType()!.getFields()).length + Object.keys(schema.getMutationType()!.getFields()).length;
    expect(outcomes.filter((line) => line.endsWith('as ADMIN: allowed'))).toHaveLength(fields - needsClearance);
  }, 300_000);
});
