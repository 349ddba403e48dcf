/**
 * Finding 8 (tokens): a JWT without `exp` was accepted forever, and `roles` given as a string
 * authenticated with no roles. Every such token must now get 401 with a reason.
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

interface Forged {
  claims: Record<string, unknown>;
  iat?: number | false;
  exp?: number | false;
}

const now = () => Math.floor(Date.now() / 1000);

/** Signs a token with the server's own secret (so only the claims can be wrong). */
async function forge({ claims, iat = now(), exp = now() + 3600 }: Forged): Promise<string> {
  const jwt = new SignJWT({ sub: 'attacker', ...claims }).setProtectedHeader({ alg: 'HS256' });
  if (server.jwt.issuer) jwt.setIssuer(server.jwt.issuer);
  if (iat !== false) jwt.setIssuedAt(iat);
  if (exp !== false) jwt.setExpirationTime(exp);
  return jwt.sign(server.jwt.secret);
}

async function me(token: string) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ me { id roles } }' }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
}

describe('JWT claims', () => {
  it.each<[string, Forged, RegExp]>([
    ['no exp', { claims: { roles: [Role.ADMIN] }, exp: false }, /exp/],
    ['no exp and no iat', { claims: { roles: [Role.ADMIN] }, exp: false, iat: false }, /exp/],
    ['a lifetime of a year', { claims: { roles: [Role.ADMIN] }, exp: now() + 365 * 86_400 }, /lifetime/],
    ['exp a year away without iat', { claims: { roles: [Role.ADMIN] }, exp: now() + 365 * 86_400, iat: false }, /lifetime/],
    ['roles as a string', { claims: { roles: 'ADMIN' } }, /roles/],
    ['roles as an object', { claims: { roles: { 0: 'ADMIN' } } }, /roles/],
    ['roles missing', { claims: {} }, /roles/],
    ['an unknown role', { claims: { roles: ['ADMIN', 'ROOT'] } }, /ROOT/],
    ['a role that is not a string', { claims: { roles: [1] } }, /roles/],
  ])('refuses a token with %s (401, reason given)', async (_what, forged, reason) => {
    const { status, body } = await me(await forge(forged));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(reason);
  });

  it('accepts a well-formed token within the lifetime', async () => {
    const { status, body } = await me(await forge({ claims: { roles: [Role.SCIENTIST] } }));
    expect(status).toBe(200);
    expect(body.data).toEqual({ me: { id: 'attacker', roles: [Role.SCIENTIST] } });
  });

  it('accepts the tokens the service signs itself (tests, token CLI)', async () => {
    const { status } = await me(await server.token(Role.AUDITOR));
    expect(status).toBe(200);
  });
});
