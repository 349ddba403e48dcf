import { describe, expect, it } from 'vitest';
import { ErrorCode, LineageError } from '../errors';
import { bodyParserError, HTTP_STATUS, restError } from './rest-errors';

describe('one REST error layer', () => {
  it('gives every public code one status', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual(Object.values(ErrorCode).sort());
    expect(restError(new LineageError(ErrorCode.CONFLICT, 'x')).status).toBe(409);
    expect(restError(new LineageError(ErrorCode.NOT_FOUND, 'x')).status).toBe(404);
  });

  it('keeps an error’s own status and never shows it, or an unexpected error’s detail, to the client', () => {
    const own = restError(new LineageError(ErrorCode.BAD_USER_INPUT, 'bad encoding', [], 415));
    expect(own.status).toBe(415);
    expect(own.body.errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    const hidden = restError(new Error('secret detail'));
    expect(hidden).toEqual({ status: 500, body: { errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL' } }] } });
  });

  it('maps body-parser failures to client errors', () => {
    expect(bodyParserError({ type: 'entity.too.large', message: 'big' }, '1mb', 'send less')?.message).toContain('exceeds 1mb');
    expect(restError(bodyParserError({ type: 'encoding.unsupported', message: 'zstd' }, '1mb', '')).status).toBe(415);
    expect(restError(bodyParserError({ type: 'entity.parse.failed', message: 'Unexpected token' }, '1mb', '')).body.errors[0]!.extensions.problems).toEqual([
      { path: '$', message: 'must be JSON' },
    ]);
    expect(bodyParserError(new Error('other'), '1mb', '')).toBeUndefined();
  });
});
