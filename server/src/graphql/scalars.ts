import { GraphQLScalarType, Kind } from 'graphql';
import { JSONObjectResolver, JSONResolver } from 'graphql-scalars';
import { dateTimeProblem } from '@ion-lineage/contract';
import { InputValueError } from './input-errors';

function parseDateTime(value: unknown): string {
  const problem = dateTimeProblem(value);
  if (problem) throw new InputValueError(problem, `DateTime ${problem}`);
  return value as string;
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
    if (ast.kind !== Kind.STRING) throw new InputValueError('must be a string', 'DateTime must be a string');
    return parseDateTime(ast.value);
  },
});

export const JSONObjectScalar = JSONObjectResolver;
export const JSONScalar = JSONResolver;
