import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ErrorCode, LineageError } from '../errors';
import type { Principal } from './principal';
import { ALL_ROLES, type Role } from './roles';

/** How JWTs are checked: a shared HS256 secret; issuer and audience are checked when set. */
export interface JwtConfig {
  secret: Uint8Array;
  issuer?: string;
  audience?: string;
}

const ALGORITHMS = ['HS256'];

/** Verifies a JWT (signature, expiry, issuer, audience) and reads the principal from its claims. */
export async function principalFromJwt(token: string, config: JwtConfig): Promise<Principal> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, config.secret, { algorithms: ALGORITHMS, issuer: config.issuer, audience: config.audience }));
  } catch (error) {
    throw new LineageError(ErrorCode.UNAUTHENTICATED, `Invalid token: ${(error as Error).message}`, [], 401);
  }
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  const unknown = roles.filter((role) => !ALL_ROLES.includes(role as Role));
  if (!payload.sub || unknown.length > 0) {
    throw new LineageError(ErrorCode.UNAUTHENTICATED, `Invalid token: needs 'sub' and known 'roles' (unknown: ${unknown.join(', ') || 'none'})`, [], 401);
  }
  return { id: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles: roles as Role[], via: 'jwt' };
}

/** Signs a JWT for a principal (tests, the demo and the token CLI use it). */
export async function signJwt(
  claims: { sub: string; name?: string; roles: readonly Role[] },
  config: JwtConfig,
  expiresIn: string | number = '12h',
): Promise<string> {
  let jwt = new SignJWT({ roles: [...claims.roles], ...(claims.name ? { name: claims.name } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn);
  if (config.issuer) jwt = jwt.setIssuer(config.issuer);
  if (config.audience) jwt = jwt.setAudience(config.audience);
  return jwt.sign(config.secret);
}
