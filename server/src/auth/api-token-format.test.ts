import { describe, expect, it } from 'vitest';
import { hashToken, looksLikeApiToken, mintToken, tokenId } from './api-token-format';

describe('API token format', () => {
  it('mints distinct well-formed tokens whose id can be read back', () => {
    const a = mintToken();
    const b = mintToken();
    expect(a.plaintext).not.toBe(b.plaintext);
    expect(tokenId(a.plaintext)).toBe(a.id);
    expect(looksLikeApiToken(a.plaintext)).toBe(true);
    expect(a.plaintext).toMatch(/^ionl_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  });

  it('rejects near misses and never confuses a JWT for a token', () => {
    const { plaintext } = mintToken();
    expect(tokenId(plaintext.slice(0, -1))).toBeUndefined();
    expect(tokenId(`${plaintext}x`)).toBeUndefined();
    expect(tokenId(plaintext.replace('ionl_', 'ionx_'))).toBeUndefined();
    expect(looksLikeApiToken('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
  });

  it('hashes with SHA-256 (hex), deterministically', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const { plaintext } = mintToken();
    expect(hashToken(plaintext)).toBe(hashToken(plaintext));
  });
});
