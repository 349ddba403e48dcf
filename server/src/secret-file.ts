/** Secrets the service generates once and keeps on disk (the masking key, the export signing key). */
import { createPrivateKey, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './config';

/** Where generated keys are kept when none is configured: beside the local data, never in git. */
export function keysDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KEYS_DIR || path.join(REPO_ROOT, '.data', 'keys');
}

/**
 * Reads a secret file, creating it with `create()` the first time (mode 0600). Two processes
 * starting together race safely: the exclusive create lets one win and the other reads its file.
 */
export function readOrCreateSecret(file: string, create: () => string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, create(), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8');
}

/**
 * An Ed25519 private key: the PEM (PKCS#8) given, else one generated once and kept in `file`
 * under KEYS_DIR, so signatures made before a restart still verify with the same public key.
 */
export function ed25519KeyFrom(pem: string | undefined, fileName: string, env: NodeJS.ProcessEnv = process.env): KeyObject {
  const text =
    pem ||
    readOrCreateSecret(path.join(keysDir(env), fileName), () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const key = createPrivateKey(text);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${fileName}: not an Ed25519 private key`);
  return key;
}

/** A 256-bit symmetric key: `value` (hex or base64, at least 32 bytes) when set, else generated once into `file` under KEYS_DIR. */
export function symmetricKeyFrom(value: string | undefined, fileName: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const text = (value || readOrCreateSecret(path.join(keysDir(env), fileName), () => randomBytes(32).toString('hex'))).trim();
  const key = /^[0-9a-f]+$/i.test(text) && text.length % 2 === 0 ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length < 32) throw new Error(`${fileName}: a key of at least 32 bytes is needed (hex or base64)`);
  return key;
}
