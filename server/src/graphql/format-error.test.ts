import { GraphQLError } from 'graphql';
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
