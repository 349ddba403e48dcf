import { ErrorCode, LineageError } from '../errors';
import type { Executor } from '../store/executor';
import { hashToken, mintToken, tokenId } from './api-token-format';
import type { Principal } from './principal';
import { ALL_ROLES, type Role } from './roles';

/** An API token as stored (never its plaintext). */
export type ApiTokenRecord = {
  id: string;
  name: string;
  roles: Role[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
};

/** What `create` hands back: the record and the plaintext, which is not stored anywhere. */
export interface CreatedToken {
  token: ApiTokenRecord;
  plaintext: string;
}

/** How long a looked-up token is reused without asking the graph again (revocation in this process clears it at once). */
const CACHE_MS = 10_000;
/**
 * How old this process's view of the revocation epoch may be before a cached token is trusted
 * again: a token revoked through another instance is refused here within this bound (plus one
 * seek). At most two epoch reads a second per process, and only while tokens are presented.
 */
export const REVOCATION_EPOCH_MS = 500;
const CACHE_MAX = 256;
const LIST_LIMIT = 1000;

/**
 * API tokens: minted here, stored as SHA-256 hashes, looked up by one unique-index seek.
 * A small cache keeps repeated calls of one client off the database; `revoke` drops the token
 * from it, so a revocation takes effect at once in this process. Other processes (several
 * instances on one database) see it through the revocation epoch, a counter every revocation
 * bumps: a cache older than REVOCATION_EPOCH_MS re-reads it and is dropped when it moved.
 */
export class ApiTokenService {
  private readonly cache = new Map<string, { record: ApiTokenRecord; until: number }>();
  private epoch?: { value: number; readAt: number };
  private epochRead?: Promise<void>;

  constructor(
    private readonly executor: Executor,
    private readonly now: () => number = Date.now,
  ) {}

  /** Mints a token; `plaintext` (when given) re-registers a known token, which the demo uses to keep its token across restarts. */
  async create(input: { name: string; roles: readonly Role[]; expiresAt?: string | null; createdBy: string }, plaintext?: string): Promise<CreatedToken> {
    const problems = [];
    if (!input.name.trim()) problems.push({ path: 'name', message: 'must not be empty' });
    if (input.name.length > 200) problems.push({ path: 'name', message: 'at most 200 characters' });
    if (input.roles.length === 0) problems.push({ path: 'roles', message: 'at least one role' });
    const unknown = input.roles.filter((role) => !ALL_ROLES.includes(role));
    if (unknown.length) problems.push({ path: 'roles', message: `unknown roles: ${unknown.join(', ')}` });
    if (input.expiresAt && Date.parse(input.expiresAt) <= this.now()) problems.push({ path: 'expiresAt', message: 'must be in the future' });
    if (problems.length)
      throw new LineageError(ErrorCode.BAD_USER_INPUT, `Invalid token: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
    const minted = plaintext && tokenId(plaintext) ? { id: tokenId(plaintext)!, plaintext } : mintToken();
    const rows = await this.executor.run<ApiTokenRecord>('auth/create-token', {
      id: minted.id,
      hash: hashToken(minted.plaintext),
      name: input.name,
      roles: [...new Set(input.roles)],
      createdBy: input.createdBy,
      expiresAt: input.expiresAt ?? null,
    });
    return { token: rows[0]!, plaintext: minted.plaintext };
  }

  /** Newest first, at most 1,000. */
  list(): Promise<ApiTokenRecord[]> {
    return this.executor.run<ApiTokenRecord>('auth/list-tokens', { limit: LIST_LIMIT });
  }

  async byId(id: string): Promise<ApiTokenRecord | undefined> {
    return (await this.executor.run<ApiTokenRecord>('auth/token-by-id', { id }))[0];
  }

  /** Revokes a token (idempotent); NOT_FOUND for an unknown id. */
  async revoke(id: string, revokedBy: string): Promise<ApiTokenRecord> {
    const rows = await this.executor.run<ApiTokenRecord>('auth/revoke-token', { id, revokedBy });
    for (const [hash, entry] of this.cache) if (entry.record.id === id) this.cache.delete(hash);
    if (!rows[0]) throw new LineageError(ErrorCode.NOT_FOUND, `No API token with id '${id}'`);
    return rows[0];
  }

  /** The principal a presented token stands for; UNAUTHENTICATED when unknown, expired or revoked. */
  async authenticate(plaintext: string): Promise<Principal> {
    if (!tokenId(plaintext)) throw unauthenticated('malformed API token');
    const hash = hashToken(plaintext);
    await this.currentEpoch();
    const now = this.now();
    let record = this.cache.get(hash);
    if (!record || record.until < now) {
      const found = (await this.executor.run<ApiTokenRecord>('auth/token-by-hash', { hash }))[0];
      if (!found) throw unauthenticated('unknown API token');
      record = { record: found, until: now + CACHE_MS };
      if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(hash, record);
    }
    const token = record.record;
    if (token.revokedAt) throw unauthenticated('API token revoked');
    if (token.expiresAt && Date.parse(token.expiresAt) <= now) throw unauthenticated('API token expired');
    return { id: `token:${token.id}`, name: token.name, roles: token.roles, via: 'api-token', tokenId: token.id };
  }

  /** Drops the cache when another process revoked a token since the epoch was last read. */
  private async currentEpoch(): Promise<void> {
    if (this.epoch && this.now() - this.epoch.readAt < REVOCATION_EPOCH_MS) return;
    // Concurrent requests share one read.
    this.epochRead ??= this.readEpoch().finally(() => (this.epochRead = undefined));
    await this.epochRead;
  }

  private async readEpoch(): Promise<void> {
    // The time before the read: the view is at least this old once it answers.
    const readAt = this.now();
    const [row] = await this.executor.run<{ epoch: number }>('auth/revocation-epoch', {});
    const value = Number(row?.epoch ?? 0);
    if (this.epoch && this.epoch.value !== value) this.cache.clear();
    this.epoch = { value, readAt };
  }
}

function unauthenticated(why: string): LineageError {
  return new LineageError(ErrorCode.UNAUTHENTICATED, `Invalid token: ${why}`, [], 401);
}
