import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type ChainBody, type ChainEntry, checkEntry, checkLink, entryFromStore, hashBody, KEYED_ALG, legacyHash } from './chain';

const KEY = randomBytes(32);

function body(seq: number, prevHash: string | null, extra: Partial<ChainBody> = {}): ChainBody {
  return {
    seq,
    id: `e${seq}`,
    kind: 'access',
    at: '2026-03-01T10:00:00.000Z',
    principalId: 'u1',
    principalName: 'Ann',
    via: 'jwt',
    tokenId: null,
    action: 'read',
    operation: 'why',
    operationName: null,
    targetIds: ['p1'],
    clientIp: '127.0.0.1',
    userAgent: null,
    requestId: 'r1',
    details: null,
    approvalId: null,
    prevHash,
    alg: KEYED_ALG,
    ...extra,
  };
}

function chain(length: number, alg: ChainBody['alg'] = KEYED_ALG): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= length; seq++) {
    const b = body(seq, prev, { alg });
    prev = hashBody(b, KEY);
    entries.push({ ...b, hash: prev });
  }
  return entries;
}

function walk(entries: ChainEntry[], key = KEY) {
  let previous: { seq: number; hash: string | null; alg?: ChainBody['alg'] } = { seq: 0, hash: null };
  for (const entry of entries) {
    const broken = checkLink(entry, previous, key);
    if (broken) return { seq: entry.seq, ...broken };
    previous = entry;
  }
  return undefined;
}

describe('audit hash chain', () => {
  it('canonicalizes per RFC 8785: sorted keys, no whitespace, one number spelling', () => {
    expect(canonicalJson({ b: 1, a: [1.0, 'x', null], c: { z: true, y: 1e21 } })).toBe('{"a":[1,"x",null],"b":1,"c":{"y":1e+21,"z":true}}');
  });

  it('hashes absent optional fields like nulls, so stored entries (no null properties) verify', () => {
    const b = body(1, null);
    const stored: Record<string, unknown> = Object.fromEntries(Object.entries({ ...b, hash: hashBody(b, KEY) }).filter(([, v]) => v !== null));
    const back = entryFromStore(stored);
    expect(hashBody(back, KEY)).toBe(back.hash);
    expect(checkLink(back, { seq: 0, hash: null }, KEY)).toBeUndefined();
  });

  it('accepts an intact chain and names the first edited, unlinked or missing entry', () => {
    const entries = chain(5);
    expect(walk(entries)).toBeUndefined();
    const edited = { ...entries[2]!, principalId: 'someone-else' };
    expect(checkLink(edited, entries[1]!, KEY)?.reason).toBe('HASH_MISMATCH');
    const rehashed = { ...edited, hash: hashBody(edited, KEY) };
    expect(checkLink(rehashed, entries[1]!, KEY)).toBeUndefined();
    expect(checkLink(entries[3]!, rehashed, KEY)?.reason).toBe('BROKEN_LINK');
    expect(checkLink(entries[4]!, entries[2]!, KEY)?.reason).toBe('BROKEN_LINK');
  });

  it('is keyed: a chain rewritten and rehashed without the key (or with another key) fails at the rewritten entry', () => {
    const entries = chain(5);
    const forged = entries.map((entry) => ({ ...entry }));
    forged[1]!.principalId = 'framed';
    let prev = forged[0]!.hash;
    for (const entry of forged.slice(1)) {
      entry.prevHash = prev;
      entry.hash = hashBody(entry, randomBytes(32)); // the attacker's guess at the key
      prev = entry.hash;
    }
    expect(walk(forged)).toMatchObject({ seq: 2, reason: 'HASH_MISMATCH' });
    expect(walk(entries, randomBytes(32))).toMatchObject({ seq: 1, reason: 'HASH_MISMATCH' });
  });

  it('refuses a downgrade: an entry rewritten under the old unkeyed SHA-256 after keyed entries', () => {
    const entries = chain(4);
    const downgraded: ChainEntry[] = entries.map((entry) => ({ ...entry }));
    let prev = downgraded[1]!.hash;
    for (const entry of downgraded.slice(2)) {
      entry.alg = null;
      entry.prevHash = prev;
      entry.principalId = 'framed';
      entry.hash = legacyHash(entry);
      prev = entry.hash;
    }
    expect(walk(downgraded)).toMatchObject({ seq: 3, reason: 'DOWNGRADED' });
    // A legacy (all unkeyed) chain still links: the chain walk decides whether a seal closes it.
    expect(walk(chain(3, null))).toBeUndefined();
  });

  it('checks one entry on its own: keyed, and its HMAC matches', () => {
    const [entry] = chain(1);
    expect(checkEntry(entry!, KEY)).toBeUndefined();
    expect(checkEntry({ ...entry!, targetIds: ['p2'] }, KEY)?.reason).toBe('HASH_MISMATCH');
    const legacy = { ...entry!, alg: null };
    expect(checkEntry({ ...legacy, hash: legacyHash(legacy) }, KEY)?.reason).toBe('DOWNGRADED');
  });

  it('covers every field: changing any one changes the hash', () => {
    const b = body(1, null, { details: '{"n":1}', tokenId: 't', approvalId: 'a' });
    const base = hashBody(b, KEY);
    for (const key of Object.keys(b) as Array<keyof ChainBody>) {
      const changed = { ...b, [key]: key === 'seq' ? 2 : key === 'targetIds' ? ['p2'] : key === 'alg' ? null : `${String(b[key])}!` } as ChainBody;
      expect(hashBody(changed, KEY), key).not.toBe(base);
    }
  });
});
