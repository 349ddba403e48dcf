/**
 * The JWT verification cache must never make a token live longer than verification would.
 * An attacker holding a token that is about to expire keeps sending it; another forges a
 * token that differs from a cached one only in its signature or its claims. At every moment
 * around `exp` the cached answer must be the uncached one, and any altered byte must be
 * verified afresh (and refused).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type JwtConfig, signJwt, verifyJwt } from '../../server/src/auth/jwt';
import { JwtVerificationCache } from '../../server/src/auth/jwt-cache';
import { Role } from '../../server/src/auth/roles';

const config: JwtConfig = { secret: randomBytes(32), issuer: 'test', cacheMs: 60_000 };

/** A clock the test moves. */
function clock(start: number) {
  const state = { now: start };
  return { now: () => state.now, set: (ms: number) => (state.now = ms) };
}

async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'accepted';
  } catch (error) {
    return `refused: ${(error as { code?: string }).code}`;
  }
}

describe('JWT verification cache', () => {
  it('refuses a cached token from the very second verification would: exp is honoured exactly', async () => {
    const exp = Math.floor(Date.now() / 1000) + 5;
    const token = await signJwt({ sub: 'alice', roles: [Role.INVESTIGATOR] }, config, exp);
    const time = clock(Date.now());
    const cache = new JwtVerificationCache(config, time.now);
    expect(await outcome(() => cache.principal(token))).toBe('accepted');
    for (const at of [exp * 1000 - 1001, exp * 1000 - 1, exp * 1000, exp * 1000 + 1, exp * 1000 + 30_000]) {
      time.set(at);
      const uncached = await outcome(() => verifyJwt(token, config, time.now));
      expect(await outcome(() => cache.principal(token)), `at exp ${at - exp * 1000} ms`).toBe(uncached);
    }
    time.set(exp * 1000);
    expect(await outcome(() => cache.principal(token))).toBe('refused: UNAUTHENTICATED');
  });

  it('verifies afresh a token that differs from a cached one in its signature or its claims', async () => {
    const cache = new JwtVerificationCache(config);
    const token = await signJwt({ sub: 'bob', roles: [Role.SCIENTIST] }, config);
    expect((await cache.principal(token)).roles).toEqual([Role.SCIENTIST]);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forgedSignature = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(cache.principal(forgedSignature)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: [Role.ADMIN, Role.INVESTIGATOR] })).toString('base64url');
    await expect(cache.principal(`${header}.${escalated}.${signature}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // The cached token itself still works, with its own roles.
    expect((await cache.principal(token)).roles).toEqual([Role.SCIENTIST]);
  });

  it('keeps a token only for cacheMs: a changed secret (a restart with a new one) is seen once it runs out', async () => {
    const time = clock(Date.now());
    const shared = { ...config, cacheMs: 1_000 };
    const cache = new JwtVerificationCache(shared, time.now);
    const token = await signJwt({ sub: 'carol', roles: [Role.AUDITOR] }, shared);
    await cache.principal(token);
    shared.secret = randomBytes(32);
    expect(await outcome(() => cache.principal(token))).toBe('accepted');
    time.set(time.now() + 1_000);
    expect(await outcome(() => cache.principal(token))).toBe('refused: UNAUTHENTICATED');
  });

  it('with AUTH_JWT_CACHE_MS=0 verifies every request', async () => {
    const time = clock(Date.now());
    const off = { ...config, cacheMs: 0 };
    const cache = new JwtVerificationCache(off, time.now);
    const token = await signJwt({ sub: 'dan', roles: [Role.AUDITOR] }, off);
    await cache.principal(token);
    off.secret = randomBytes(32);
    expect(await outcome(() => cache.principal(token))).toBe('refused: UNAUTHENTICATED');
  });
});
