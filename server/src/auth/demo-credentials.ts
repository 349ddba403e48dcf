import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuthConfig } from '../config';
import { tokenId } from './api-token-format';
import type { JwtConfig } from './jwt';
import { SYSTEM_PRINCIPAL } from './principal';
import { Role } from './roles';
import type { ApiTokenService } from './token.service';

/** What the state file keeps: a generated JWT secret and the demo API tokens. */
interface AuthState {
  jwtSecret?: string;
  /** The demo admin's API token. */
  demoToken?: string;
  demoInvestigatorToken?: string;
}

const MIN_SECRET_BYTES = 32;

function readState(file: string): AuthState {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as AuthState;
  } catch {
    return {};
  }
}

function writeState(file: string, state: AuthState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The JWT settings: AUTH_JWT_SECRET when set (at least 32 bytes), else a random secret kept in
 * the state file, so JWTs issued before a restart stay valid.
 */
export function jwtConfigFrom(config: AuthConfig): JwtConfig {
  let secret = config.jwtSecret;
  if (secret !== undefined && Buffer.byteLength(secret) < MIN_SECRET_BYTES) throw new Error(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
  if (secret === undefined) {
    const state = readState(config.stateFile);
    if (!state.jwtSecret) {
      state.jwtSecret = randomBytes(32).toString('base64url');
      writeState(config.stateFile, state);
    }
    secret = state.jwtSecret;
  }
  return {
    secret: new TextEncoder().encode(secret),
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    maxLifetimeSeconds: config.jwtMaxLifetimeSeconds,
    cacheMs: config.jwtCacheMs,
  };
}

/** The demo's ready-made API tokens: an admin, and an investigator cleared to see subject keys. */
export const DEMO_ROLES = [Role.ADMIN, Role.INVESTIGATOR] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

/** Where the state file keeps each demo token (`demoToken` was the admin's before there were two). */
const STATE_KEY: Record<DemoRole, keyof AuthState> = { [Role.ADMIN]: 'demoToken', [Role.INVESTIGATOR]: 'demoInvestigatorToken' };

/**
 * A demo API token for one role, the same across restarts of one data folder: the plaintext is
 * kept in the state file; a graph that lost it (wiped data) gets it back, and a revoked or
 * expired one is replaced by a new one.
 */
export async function ensureDemoToken(tokens: ApiTokenService, config: AuthConfig, role: DemoRole = Role.ADMIN): Promise<string> {
  const key = STATE_KEY[role];
  const name = `demo ${role.toLowerCase()}`;
  const state = readState(config.stateFile);
  const stored = state[key];
  const known = stored && tokenId(stored) ? stored : undefined;
  if (known) {
    const record = await tokens.byId(tokenId(known)!);
    const usable = record && !record.revokedAt && (!record.expiresAt || Date.parse(record.expiresAt) > Date.now());
    if (usable) {
      try {
        await tokens.authenticate(known);
        return known;
      } catch {
        // The stored token is another one with this id: fall through and mint a new one.
      }
    } else if (!record) {
      await tokens.create({ name, roles: [role], createdBy: SYSTEM_PRINCIPAL.id }, known);
      return known;
    }
  }
  const created = await tokens.create({ name, roles: [role], createdBy: SYSTEM_PRINCIPAL.id });
  writeState(config.stateFile, { ...readState(config.stateFile), [key]: created.plaintext });
  return created.plaintext;
}
