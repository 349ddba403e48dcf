import { GraphQLScalarType, Kind } from 'graphql';
import { JSONObjectResolver, JSONResolver } from 'graphql-scalars';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw new TypeError(`DateTime must be an ISO-8601 date-time with offset, such as 2026-03-04T10:00:00Z; got ${JSON.stringify(value)?.slice(0, 80)}`);
  }
  return value;
}

/**
 * ISO-8601 date-time with an offset, kept as a string end to end (Neo4j stores DATETIME;
 * the store boundary turns it back into ISO text), so nothing is lost to JS Date rounding.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'ISO-8601 date-time with offset, e.g. 2026-03-04T10:00:00Z',
  serialize: (value) => (value instanceof Date ? value.toISOString() : parseDateTime(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});

export const JSONObjectScalar = JSONObjectResolver;
export const JSONScalar = JSONResolver;
