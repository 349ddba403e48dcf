import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so secret scanners and people recognize one. */
export const TOKEN_PREFIX = 'ionl_';

const TOKEN_SHAPE = /^ionl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** A freshly minted token: its public id and the plaintext, shown once. */
export interface MintedToken {
  id: string;
  plaintext: string;
}

/** Mints `ionl_<16 hex id>_<32 random bytes, base64url>`; the id is public, the rest is the secret. */
export function mintToken(): MintedToken {
  const id = randomBytes(8).toString('hex');
  return { id, plaintext: `${TOKEN_PREFIX}${id}_${randomBytes(32).toString('base64url')}` };
}

/** True when the text has the shape of an API token (anything else is tried as a JWT). */
export function looksLikeApiToken(text: string): boolean {
  return text.startsWith(TOKEN_PREFIX);
}

/** The token's id, or undefined when the text is not a well-formed token. */
export function tokenId(text: string): string | undefined {
  return TOKEN_SHAPE.exec(text)?.[1];
}

/** What the graph stores instead of the token: SHA-256, hex. The token has 256 random bits, so no salt or slow hash is needed. */
export function hashToken(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}
