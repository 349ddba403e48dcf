import { describe, expect, it } from 'vitest';
import { canonicalJson, type ChainBody, checkLink, entryFromStore, hashBody } from './chain';

function body(seq: number, prevHash: string | null, extra: Partial<ChainBody> = {}): ChainBody {
  return {
    seq, id: `e${seq}`, kind: 'access', at: '2026-03-01T10:00:00.000Z', principalId: 'u1', principalName: 'Ann', via: 'jwt',
    tokenId: null, action: 'read', operation: 'why', operationName: null, targetIds: ['p1'], clientIp: '127.0.0.1',
    userAgent: null, requestId: 'r1', details: null, approvalId: null, prevHash, ...extra,
  };
}

function chain(length: number) {
  const entries = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= length; seq++) {
    const b = body(seq, prev);
    prev = hashBody(b);
    entries.push({ ...b, hash: prev });
  }
  return entries;
}

describe('audit hash chain', () => {
  it('canonicalizes per RFC 8785: sorted keys, no whitespace, one number spelling', () => {
    expect(canonicalJson({ b: 1, a: [1.0, 'x', null], c: { z: true, y: 1e21 } })).toBe('{"a":[1,"x",null],"b":1,"c":{"y":1e+21,"z":true}}');
  });

  it('hashes absent optional fields like nulls, so stored entries (no null properties) verify', () => {
    const b = body(1, null);
    const stored: Record<string, unknown> = Object.fromEntries(Object.entries({ ...b, hash: hashBody(b) }).filter(([, v]) => v !== null));
    const back = entryFromStore(stored);
    expect(hashBody(back)).toBe(back.hash);
    expect(checkLink(back, { seq: 0, hash: null })).toBeUndefined();
  });

  it('accepts an intact chain and names the first edited, unlinked or missing entry', () => {
    const entries = chain(5);
    let previous = { seq: 0, hash: null as string | null };
    for (const entry of entries) {
      expect(checkLink(entry, previous)).toBeUndefined();
      previous = entry;
    }
    const edited = { ...entries[2]!, principalId: 'someone-else' };
    expect(checkLink(edited, entries[1]!)?.reason).toBe('HASH_MISMATCH');
    const rehashed = { ...edited, hash: hashBody(edited) };
    expect(checkLink(rehashed, entries[1]!)).toBeUndefined();
    expect(checkLink(entries[3]!, rehashed)?.reason).toBe('BROKEN_LINK');
    expect(checkLink(entries[4]!, entries[2]!)?.reason).toBe('BROKEN_LINK');
  });

  it('covers every field: changing any one changes the hash', () => {
    const b = body(1, null, { details: '{"n":1}', tokenId: 't', approvalId: 'a' });
    const base = hashBody(b);
    for (const key of Object.keys(b) as Array<keyof ChainBody>) {
      const changed = { ...b, [key]: key === 'seq' ? 2 : key === 'targetIds' ? ['p2'] : `${String(b[key])}!` } as ChainBody;
      expect(hashBody(changed), key).not.toBe(base);
    }
  });
});
