import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { LineageError } from '../errors';
import { makeFormatError, shortenQuotedValues } from './format-error';

describe('shortenQuotedValues', () => {
  it('cuts long quoted values and keeps the field path after them', () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const message = `Variable "$items" got invalid value "${big}" at "items[0].at"; Expected type "DateTime".`;
    const short = shortenQuotedValues(message);
    expect(short.length).toBeLessThan(400);
    expect(short).toBe(`Variable "$items" got invalid value "${'x'.repeat(200)}…" at "items[0].at"; Expected type "DateTime".`);
  });

  it('leaves short values, escaped quotes and values of exactly 200 characters alone', () => {
    const message = `Value "a\\"b" does not exist in "PrincipalKind" enum; got "${'y'.repeat(200)}"`;
    expect(shortenQuotedValues(message)).toBe(message);
  });
});

describe('makeFormatError', () => {
  const format = makeFormatError(pino({ level: 'silent' }));

  it('keeps typed errors with their problems, and request errors with only their code', () => {
    const typed = new LineageError('CONFLICT', 'taken', [{ path: 'ions[0].id', message: 'taken' }]);
    expect(format({ message: 'taken' }, typed)).toEqual({
      message: 'taken',
      path: undefined,
      extensions: { code: 'CONFLICT', problems: [{ path: 'ions[0].id', message: 'taken' }] },
    });
    const request = format({ message: `got "${'z'.repeat(500)}"`, extensions: { code: 'BAD_USER_INPUT', stacktrace: ['…'] } }, new GraphQLError('x'));
    expect(request.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(request.message.length).toBeLessThan(300);
  });

  it('hides anything else behind INTERNAL', () => {
    expect(format({ message: 'secret detail' }, new Error('secret detail'))).toEqual({
      message: 'Internal error',
      path: undefined,
      extensions: { code: 'INTERNAL' },
    });
  });
});

describe('long unquoted values in request errors', () => {
  const format = makeFormatError(pino({ level: 'silent' }));

  // Found by the GraphQL fuzz test: an object literal 792 levels deep in a String argument came
  // back printed whole (4,005 characters), past the 4,000 a clear error may carry.
  it('are cut too, keeping the start of the message and its end', () => {
    const schema = buildSchema('type Query { model(description: String): Boolean }');
    const depth = 792;
    const document = parse(`{ model(description: ${'{a:'.repeat(depth)}1${'}'.repeat(depth)}) }`, { maxTokens: 100_000 });
    const [error] = validate(schema, document);
    expect(error!.message.length).toBeGreaterThan(4_000);
    const formatted = format({ message: error!.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error);
    expect(formatted.message.length).toBeLessThanOrEqual(1_000);
    expect(formatted.message.startsWith(error!.message.slice(0, 100))).toBe(true);
    expect(formatted.message.endsWith(error!.message.slice(-100))).toBe(true);
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
  });
});
