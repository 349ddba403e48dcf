import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { type JwtConfig, refused, verifyJwt } from './jwt';
import type { Principal } from './principal';

/** Default time a verified JWT's claims are reused (AUTH_JWT_CACHE_MS). */
export const DEFAULT_JWT_CACHE_MS = 30_000;
/** Distinct tokens remembered; the least recently used goes first. */
const CACHE_MAX = 1000;

/**
 * Verified JWTs, so a client sending the same token on every request pays the HMAC and the
 * claim checks once per `cacheMs` instead of each time. It never makes a token live longer:
 * a hit re-checks `exp` at the second, exactly as verification does (expired when
 * `exp` ≤ now in whole seconds); only successes are kept; and the key is the SHA-256 of the
 * whole token, so a token differing in any byte (a forged signature) is verified afresh. JWTs
 * carry no revocation (API tokens do, through the graph, and are not cached here): a JWT is
 * good until its `exp`, cached or not.
 */
export class JwtVerificationCache {
  private readonly entries: LRUCache<string, { principal: Principal; exp: number; until: number }>;

  constructor(
    private readonly config: JwtConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LRUCache({ max: CACHE_MAX });
  }

  /** The principal of a valid token; UNAUTHENTICATED (HTTP 401) otherwise. */
  async principal(token: string): Promise<Principal> {
    const ttl = this.config.cacheMs ?? DEFAULT_JWT_CACHE_MS;
    if (ttl <= 0) return (await verifyJwt(token, this.config, this.now)).principal;
    const key = createHash('sha256').update(token).digest('base64url');
    const hit = this.entries.get(key);
    if (hit && this.now() < hit.until) {
      if (hit.exp <= Math.floor(this.now() / 1000)) {
        this.entries.delete(key);
        throw refused('"exp" claim timestamp check failed');
      }
      return { ...hit.principal, roles: [...hit.principal.roles] };
    }
    const verified = await verifyJwt(token, this.config, this.now);
    this.entries.set(key, { ...verified, until: this.now() + ttl });
    return verified.principal;
  }
}
