/** The audit's two keys (chain HMAC key, checkpoint signing key) and where checkpoints go. */
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { REPO_ROOT } from '../config';
import { ed25519KeyFrom, keysDir, symmetricKeyFrom } from '../secret-file';

export const CHAIN_KEY_FILE = 'audit-chain.key';
export const CHECKPOINT_KEY_FILE = 'audit-checkpoint-ed25519.pem';

/**
 * The HMAC key of the audit chain: AUDIT_CHAIN_KEY (hex or base64, ≥ 32 bytes), else
 * `audit-chain.key` under KEYS_DIR, generated on first start. With `create: false` (the offline
 * verifier) a missing key is an error rather than a new key.
 */
export function loadAuditChainKey(env: NodeJS.ProcessEnv = process.env, options: { create?: boolean } = {}): Buffer {
  if (options.create === false && !env.AUDIT_CHAIN_KEY && !fs.existsSync(path.join(keysDir(env), CHAIN_KEY_FILE))) {
    throw new Error(`no audit chain key: set AUDIT_CHAIN_KEY or KEYS_DIR (looked for ${path.join(keysDir(env), CHAIN_KEY_FILE)})`);
  }
  return symmetricKeyFrom(env.AUDIT_CHAIN_KEY, CHAIN_KEY_FILE, env);
}

/** The Ed25519 key that signs checkpoints: AUDIT_CHECKPOINT_KEY (PKCS#8 PEM), else generated once under KEYS_DIR. */
export function loadCheckpointKey(env: NodeJS.ProcessEnv = process.env): KeyObject {
  return ed25519KeyFrom(env.AUDIT_CHECKPOINT_KEY, CHECKPOINT_KEY_FILE, env);
}

/**
 * The public key that verifies checkpoints, for the offline verifier: AUDIT_CHECKPOINT_PUBLIC_KEY
 * (a PEM, or a path to one), else derived from the private key (env or KEYS_DIR file, never created).
 */
export function loadCheckpointPublicKey(env: NodeJS.ProcessEnv = process.env): KeyObject {
  const configured = env.AUDIT_CHECKPOINT_PUBLIC_KEY;
  if (configured) return createPublicKey(configured.includes('BEGIN') ? configured : fs.readFileSync(configured, 'utf8'));
  if (!env.AUDIT_CHECKPOINT_KEY && !fs.existsSync(path.join(keysDir(env), CHECKPOINT_KEY_FILE))) {
    throw new Error(`no checkpoint key: set AUDIT_CHECKPOINT_PUBLIC_KEY (or KEYS_DIR holding ${CHECKPOINT_KEY_FILE})`);
  }
  return createPublicKey(loadCheckpointKey(env));
}

/** Where checkpoints are appended: AUDIT_CHECKPOINT_FILE, else `audit-checkpoints.jsonl` beside the local data (outside Neo4j). */
export function checkpointFileFrom(env: NodeJS.ProcessEnv = process.env): string {
  return env.AUDIT_CHECKPOINT_FILE || path.join(path.dirname(env.LOCAL_NEO4J_DATA ?? path.join(REPO_ROOT, '.data', 'neo4j')), 'audit-checkpoints.jsonl');
}
