import { describe, expect, it } from 'vitest';
import { hashWithoutToken, readClaims, tokenFromHash } from './token';

/** An unsigned JWT-shaped token (the UI reads claims, it never verifies them). */
function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}.signature`;
}

describe('token from a link', () => {
  it('reads #token= and keeps other hash parameters apart', () => {
    expect(tokenFromHash('#token=abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenFromHash('#x=1&token=t1')).toBe('t1');
    expect(tokenFromHash('#x=1')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#token=')).toBeNull();
  });

  it('removes only the token from the hash', () => {
    expect(hashWithoutToken('#token=t1')).toBe('');
    expect(hashWithoutToken('#x=1&token=t1')).toBe('#x=1');
  });
});

describe('token claims', () => {
  it('reads subject, roles and expiry of a JWT, including non-ASCII subjects', () => {
    expect(readClaims(jwt({ sub: 'zoë', roles: ['SCIENTIST', 7], exp: 1_700_000_000 }))).toEqual({
      subject: 'zoë',
      roles: ['SCIENTIST'],
      expiresAt: 1_700_000_000_000,
    });
  });

  it('gives empty claims for opaque or broken tokens', () => {
    expect(readClaims('ilt_opaque-api-token')).toEqual({ subject: null, roles: [], expiresAt: null });
    expect(readClaims('a.%%%.c')).toEqual({ subject: null, roles: [], expiresAt: null });
  });
});
