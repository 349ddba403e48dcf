import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ErrorCode, LineageError } from '../errors';
import type { Principal } from './principal';
import { ALL_ROLES, type Role } from './roles';

/** How JWTs are checked: a shared HS256 secret; issuer and audience are checked when set. */
export interface JwtConfig {
  secret: Uint8Array;
  issuer?: string;
  audience?: string;
  /** Longest lifetime a token may claim, in seconds (AUTH_JWT_MAX_LIFETIME); default 24 h. */
  maxLifetimeSeconds?: number;
  /** How long a verified token's claims are reused (AUTH_JWT_CACHE_MS; 0: verify every request); default 30 s. */
  cacheMs?: number;
}

/** Default longest lifetime of a JWT: a working day and a night, not forever. */
export const DEFAULT_JWT_MAX_LIFETIME_SECONDS = 24 * 3600;

const ALGORITHMS = ['HS256'];

/** Verifies a JWT (signature, expiry, issuer, audience) and reads the principal from its claims. */
export async function principalFromJwt(token: string, config: JwtConfig): Promise<Principal> {
  return (await verifyJwt(token, config)).principal;
}

/** `principalFromJwt`, with the token's `exp` (seconds since the epoch), which bounds how long the answer holds. */
export async function verifyJwt(token: string, config: JwtConfig, now: () => number = Date.now): Promise<{ principal: Principal; exp: number }> {
  let payload: JWTPayload;
  try {
    // `exp` is required: a token without one would be good forever once leaked.
    ({ payload } = await jwtVerify(token, config.secret, {
      algorithms: ALGORITHMS,
      issuer: config.issuer,
      audience: config.audience,
      requiredClaims: ['exp'],
      currentDate: new Date(now()),
    }));
  } catch (error) {
    throw refused((error as Error).message);
  }
  const problem =
    lifetimeProblem(payload, config.maxLifetimeSeconds ?? DEFAULT_JWT_MAX_LIFETIME_SECONDS, now()) ?? (payload.sub ? undefined : "needs a 'sub' claim");
  if (problem) throw refused(problem);
  const principal: Principal = {
    id: payload.sub!,
    name: typeof payload.name === 'string' ? payload.name : payload.sub!,
    roles: rolesClaim(payload.roles),
    via: 'jwt',
  };
  return { principal, exp: payload.exp! };
}

/** UNAUTHENTICATED (HTTP 401) naming why the token was refused. */
export function refused(reason: string): LineageError {
  return new LineageError(ErrorCode.UNAUTHENTICATED, `Invalid token: ${reason}`, [], 401);
}

/** Why a token's lifetime (exp − iat, or exp − now without iat) is longer than allowed, if it is. */
function lifetimeProblem(payload: JWTPayload, maxSeconds: number, nowMs: number): string | undefined {
  const from = typeof payload.iat === 'number' ? payload.iat : Math.floor(nowMs / 1000);
  const lifetime = payload.exp! - from;
  if (lifetime > maxSeconds)
    return `its lifetime of ${lifetime} s ('exp' − ${typeof payload.iat === 'number' ? "'iat'" : 'now'}) exceeds the maximum of ${maxSeconds} s`;
  return undefined;
}

/**
 * The `roles` claim as known roles. Anything else is refused rather than read as "no roles":
 * a string, an object or an unknown name is a token minted for another system or by mistake.
 */
function rolesClaim(claim: unknown): Role[] {
  if (!Array.isArray(claim)) throw refused(`'roles' must be an array of roles (${ALL_ROLES.join(', ')}), got ${claim === undefined ? 'none' : typeof claim}`);
  const unknown = claim.filter((role) => typeof role !== 'string' || !ALL_ROLES.includes(role as Role));
  if (unknown.length > 0)
    throw refused(
      `'roles' holds unknown roles: ${unknown
        .map((role) => JSON.stringify(role))
        .join(', ')
        .slice(0, 200)}`,
    );
  return claim as Role[];
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
