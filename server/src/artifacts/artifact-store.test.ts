import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ArtifactIntegrityError, LocalArtifactStore, sha256Digest } from './artifact-store';

const dirs: string[] = [];
function store(): LocalArtifactStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'artifacts-'));
  dirs.push(dir);
  return new LocalArtifactStore(dir);
}
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('LocalArtifactStore', () => {
  const bytes = new TextEncoder().encode('a model');
  const digest = sha256Digest(bytes);

  it('stores by digest, idempotently, and returns the same bytes', async () => {
    const s = store();
    expect(await s.put(digest, bytes)).toEqual({ created: true, size: bytes.byteLength });
    expect(await s.put(digest, bytes)).toEqual({ created: false, size: bytes.byteLength });
    expect(Buffer.from((await s.get(digest))!).toString()).toBe('a model');
    expect(await s.get(sha256Digest(new TextEncoder().encode('other')))).toBeUndefined();
  });

  it('refuses bytes that do not hash to the digest, naming the field, and stores nothing', async () => {
    const s = store();
    const wrong = sha256Digest(new TextEncoder().encode('something else'));
    await expect(s.put(wrong, bytes)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, problems: [{ path: 'digest' }] });
    await expect(s.put('md5:abc', bytes)).rejects.toMatchObject({ problems: [{ path: 'digest' }] });
    expect(await s.has(wrong)).toBe(false);
  });

  it('detects bytes changed on disk after they were stored', async () => {
    const s = store();
    await s.put(digest, bytes);
    const hex = digest.slice('sha256:'.length);
    fs.writeFileSync(path.join(s.dir, hex.slice(0, 2), hex), 'tampered');
    await expect(s.get(digest)).rejects.toBeInstanceOf(ArtifactIntegrityError);
  });
});
