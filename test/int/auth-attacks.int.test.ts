/**
 * Attacks on authentication and authorization over HTTP: forged, expired, unsigned and
 * wrongly issued JWTs, unknown roles, API tokens revoked, expired or guessed, an INGEST token
 * trying to read, and Cypher-injection strings in token names (stored and returned verbatim).
 */
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/src/auth/api-token-format';
import { signJwt } from '../../server/src/auth/jwt';
import { Role } from '../../server/src/auth/roles';
import { dataOf } from '../support/provenance';
import { type GqlBody, startTestServer, type TestServer } from '../support/server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
});

afterAll(async () => {
  await server?.close();
});

const STATS = '{ graphStats { schemaVersion } }';
const WHY = 'query { why(predictionId: "nope") { prediction { id } } }';
const CREATE =
  'mutation Create($name: String!, $roles: [Role!]!, $expiresAt: DateTime) { createApiToken(name: $name, roles: $roles, expiresAt: $expiresAt) { secret token { id name roles createdBy expiresAt revokedAt } } }';
const REVOKE = 'mutation Revoke($id: String!) { revokeApiToken(id: $id) { id revokedAt revokedBy } }';
const LIST = '{ apiTokens { id name roles revokedAt } }';

/** POSTs a query with a raw Authorization header value. */
async function withAuthorization(authorization: string | undefined, query = STATS): Promise<{ status: number; body: GqlBody }> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as GqlBody };
}

async function expectUnauthenticated(authorization: string | undefined, why?: RegExp): Promise<void> {
  const { status, body } = await withAuthorization(authorization);
  expect(status).toBe(401);
  expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(body.data ?? null).toBeNull();
  if (why) expect(body.errors?.[0]?.message).toMatch(why);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function createToken(name: string, roles: Role[], expiresAt?: string) {
  return dataOf(
    await server.gql<{ createApiToken: { secret: string; token: { id: string; name: string; roles: Role[]; createdBy: string; revokedAt: string | null } } }>(
      CREATE,
      { name, roles, expiresAt },
    ),
  ).createApiToken;
}

describe('JWTs', () => {
  it('accepts a JWT signed with the configured secret, issuer and a known role', async () => {
    const { status, body } = await withAuthorization(`Bearer ${await server.token(Role.SCIENTIST)}`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it('refuses no token, other schemes and garbage', async () => {
    await expectUnauthenticated(undefined, /Authentication required/);
    await expectUnauthenticated('Basic YWRtaW46YWRtaW4=');
    await expectUnauthenticated('Bearer');
    await expectUnauthenticated('Bearer not-a-jwt');
  });

  it('refuses a JWT forged with another secret', async () => {
    const forged = await signJwt({ sub: 'mallory', roles: [Role.ADMIN] }, { ...server.jwt, secret: new TextEncoder().encode('x'.repeat(32)) });
    await expectUnauthenticated(`Bearer ${forged}`, /signature/);
  });

  it('refuses an expired JWT', async () => {
    const expired = await signJwt({ sub: 'ann', roles: [Role.ADMIN] }, server.jwt, Math.floor(Date.now() / 1000) - 60);
    await expectUnauthenticated(`Bearer ${expired}`, /exp/);
  });

  it("refuses alg 'none' (unsigned) and other algorithms", async () => {
    const claims = { sub: 'mallory', roles: [Role.ADMIN], iss: server.jwt.issuer, exp: Math.floor(Date.now() / 1000) + 600 };
    await expectUnauthenticated(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    const hs512 = await new SignJWT({ roles: [Role.ADMIN] })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('mallory')
      .setIssuer(server.jwt.issuer!)
      .setExpirationTime('1h')
      .sign(new Uint8Array(Buffer.concat([server.jwt.secret, server.jwt.secret])));
    await expectUnauthenticated(`Bearer ${hs512}`);
  });

  it('refuses a wrong issuer, a missing subject and an unknown role claim', async () => {
    await expectUnauthenticated(`Bearer ${await signJwt({ sub: 'ann', roles: [Role.ADMIN] }, { ...server.jwt, issuer: 'someone-else' })}`, /iss/);
    const noSub = await new SignJWT({ roles: [Role.ADMIN] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(server.jwt.issuer!)
      .setExpirationTime('1h')
      .sign(server.jwt.secret);
    await expectUnauthenticated(`Bearer ${noSub}`, /sub/);
    await expectUnauthenticated(`Bearer ${await signJwt({ sub: 'ann', roles: ['ROOT' as Role] }, server.jwt)}`, /ROOT/);
  });
});

describe('roles', () => {
  it('an INGEST caller may write but not read: FORBIDDEN naming the permission, no data', async () => {
    for (const query of [WHY, STATS, '{ lineage(nodeId: "x") { depth } }', '{ accessLog(targetId: "x") { entries { id } } }', LIST]) {
      const { status, body } = await server.gql(query, {}, { as: Role.INGEST });
      expect(status).toBe(200);
      expect(body.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toMatch(/needs the [A-Z_]+ permission/);
      expect(body.data ?? null).toBeNull();
    }
    const write = await server.gql(
      'mutation { ingestPrincipal(item: { id: "svc-1", name: "svc", kind: SERVICE }) { created unchanged } }',
      {},
      { as: Role.INGEST },
    );
    expect(write.body.errors).toBeUndefined();
  });

  it('only ADMIN manages tokens', async () => {
    for (const role of [Role.INGEST, Role.INVESTIGATOR, Role.SCIENTIST, Role.AUDITOR]) {
      const { body } = await server.gql(CREATE, { name: 'escalate', roles: [Role.ADMIN] }, { as: role });
      expect(body.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      expect(body.errors?.[0]?.message).toContain('MANAGE_TOKENS');
    }
  });
});

describe('API tokens', () => {
  it('a created token works at once, is listed without its secret, and stops working when revoked', async () => {
    const created = await createToken('pipeline etl-7', [Role.INGEST]);
    expect(created.secret).toMatch(/^ionl_[0-9a-f]{16}_/);
    expect(created.token).toMatchObject({ name: 'pipeline etl-7', roles: [Role.INGEST], createdBy: 'test:ADMIN', revokedAt: null });

    const write = await withAuthorization(
      `Bearer ${created.secret}`,
      'mutation { ingestPrincipal(item: { id: "svc-2", name: "svc", kind: SERVICE }) { created } }',
    );
    expect(write.status).toBe(200);
    expect(write.body.errors).toBeUndefined();
    const read = await withAuthorization(`Bearer ${created.secret}`, WHY);
    expect(read.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const listed = dataOf(await server.gql<{ apiTokens: Array<{ id: string }> }>(LIST)).apiTokens;
    expect(listed.map((token) => token.id)).toContain(created.token.id);
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(23));

    const revoked = dataOf(
      await server.gql<{ revokeApiToken: { id: string; revokedAt: string; revokedBy: string } }>(REVOKE, { id: created.token.id }),
    ).revokeApiToken;
    expect(revoked.revokedBy).toBe('test:ADMIN');
    await expectUnauthenticated(`Bearer ${created.secret}`, /revoked/);
    const again = await server.gql(REVOKE, { id: 'no-such-token' });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('the graph holds only the hash: no property contains the secret', async () => {
    const created = await createToken('hash check', [Role.AUDITOR]);
    const session = server.graph.driver.session();
    try {
      const result = await session.run('MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS props', { id: created.token.id });
      const props = result.records[0]!.get('props') as Record<string, unknown>;
      expect(props.hash).toBe(hashToken(created.secret));
      expect(JSON.stringify(props)).not.toContain(created.secret.slice(22));
    } finally {
      await session.close();
    }
  });

  it('refuses a guessed secret for a real token id, a malformed token and an expired token', async () => {
    const created = await createToken('guess target', [Role.ADMIN]);
    const guessed = `${created.secret.slice(0, 22)}${'A'.repeat(created.secret.length - 22)}`;
    await expectUnauthenticated(`Bearer ${guessed}`, /unknown/);
    await expectUnauthenticated(`Bearer ionl_zz_short`, /malformed/);

    const soon = new Date(Date.now() + 1500).toISOString();
    const expiring = await createToken('short-lived', [Role.ADMIN], soon);
    expect((await withAuthorization(`Bearer ${expiring.secret}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    await expectUnauthenticated(`Bearer ${expiring.secret}`, /expired/);
    const past = await server.gql(CREATE, { name: 'already expired', roles: [Role.ADMIN], expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('stores Cypher-injection names verbatim and executes nothing', async () => {
    const session = server.graph.driver.session();
    const nodes = async () => (await session.run('MATCH (n) RETURN count(n) AS n')).records[0]!.get('n') as number;
    try {
      const names = [
        "x'}) MATCH (n) DETACH DELETE n //",
        '"}) MATCH (n) DETACH DELETE n RETURN 1 AS x //',
        '$name} ) WITH 1 AS x CALL db.clearQueryCaches() //',
        '\\u0027; DROP CONSTRAINT api_token_hash; //',
      ];
      for (const name of names) {
        const before = await nodes();
        const created = await createToken(name, [Role.SCIENTIST]);
        expect(created.token.name).toBe(name);
        expect(await nodes()).toBeGreaterThanOrEqual(before + 1);
        const listed = dataOf(await server.gql<{ apiTokens: Array<{ id: string; name: string }> }>(LIST)).apiTokens;
        expect(listed.find((token) => token.id === created.token.id)?.name).toBe(name);
        expect((await withAuthorization(`Bearer ${created.secret}`)).status).toBe(200);
      }
      const constraints = await session.run("SHOW CONSTRAINTS YIELD name WHERE name = 'api_token_hash' RETURN count(*) AS n");
      expect(constraints.records[0]!.get('n')).toBe(1);
    } finally {
      await session.close();
    }
  });
});

describe('me', () => {
  const ME = '{ me { id name roles via permissions } }';
  it('says who a JWT and an API token are, with the permissions their roles grant', async () => {
    const viaJwt = await withAuthorization(`Bearer ${await server.token(Role.SCIENTIST)}`, ME);
    expect(viaJwt.body.data).toEqual({ me: { id: 'test:SCIENTIST', name: 'test:SCIENTIST', roles: ['SCIENTIST'], via: 'jwt', permissions: ['READ_LINEAGE'] } });

    const created = await createToken('me-probe', [Role.INGEST]);
    const viaToken = await withAuthorization(`Bearer ${created.secret}`, ME);
    expect(viaToken.body.data).toMatchObject({ me: { roles: ['INGEST'], via: 'api-token', permissions: ['INGEST'] } });
    expect(await withAuthorization(undefined, ME)).toMatchObject({ status: 401 });
  });
});
