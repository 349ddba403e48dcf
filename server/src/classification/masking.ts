import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { may, Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { isRestricted, type Level } from './classification.levels';
import { keysDir, readOrCreateSecret } from '../secret-file';

/** Prefix of every masked value, so nobody mistakes one for a real key. */
export const MASK_PREFIX = 'masked:';

/**
 * Stable masks: a keyed HMAC-SHA256 of the value, so the same subject always gets the same mask
 * (an investigator without clearance can still correlate) while the value cannot be recovered
 * or guessed by hashing candidate keys without the secret.
 */
export class Masker {
  constructor(private readonly key: Buffer) {
    if (key.length < 16) throw new Error('The masking key must be at least 16 bytes');
  }

  /** The mask of one value, e.g. `masked:Qm9v…` (22 base64url characters, 132 bits). */
  token(value: string): string {
    return MASK_PREFIX + createHmac('sha256', this.key).update(value, 'utf8').digest('base64url').slice(0, 22);
  }

  /**
   * A hash re-keyed with the server secret: a plain content hash over data that holds a subject
   * key can be matched offline by hashing guessed keys; this one cannot, and stays stable.
   */
  keyedHash(hash: string): string {
    return `hmac-sha256:${createHmac('sha256', this.key).update('content-hash\0', 'utf8').update(hash, 'utf8').digest('hex')}`;
  }
}

/**
 * The masking key: `MASKING_KEY` (hex or base64, ≥ 16 bytes) when set, else a random key kept
 * in `masking.key` under KEYS_DIR (created on first use), so masks stay stable across restarts.
 */
export function loadMaskingKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const configured = env.MASKING_KEY;
  if (configured) return /^[0-9a-f]+$/i.test(configured) && configured.length % 2 === 0 ? Buffer.from(configured, 'hex') : Buffer.from(configured, 'base64');
  const hex = readOrCreateSecret(path.join(keysDir(env), 'masking.key'), () => randomBytes(32).toString('hex'));
  return Buffer.from(hex.trim(), 'hex');
}

/** Whether the caller sees subject keys and input values of PII/PHI predictions in clear. */
export function seesRestricted(principal: Pick<Principal, 'roles'> | undefined): boolean {
  return may(principal, Permission.SEE_RESTRICTED_DATA);
}

/** Whether a prediction of this level must be masked for this caller. */
export function mustMask(principal: Pick<Principal, 'roles'> | undefined, level: Level | null): boolean {
  return !seesRestricted(principal) && isRestricted(level);
}
