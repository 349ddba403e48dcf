/**
 * The contract every ArtifactStore keeps, as one test body run against each implementation
 * (the local folder in the unit tests, S3 against a real S3-compatible server in the int
 * tests): put/get/has/size by digest, idempotent puts, mismatches refused naming `digest` with
 * nothing stored, and bytes changed behind the store's back detected on get.
 */
import { describe, expect, it } from 'vitest';
import { ArtifactIntegrityError, type ArtifactStore, sha256Digest } from '../../server/src/artifacts/artifact-store';

export interface ContractSubject {
  /** A store with nothing in it. */
  store(): ArtifactStore | Promise<ArtifactStore>;
  /** Replaces the stored bytes of a digest directly in the backing storage, as an intruder would. */
  tamper(store: ArtifactStore, digest: string, bytes: Uint8Array): Promise<void>;
}

const encode = (text: string) => new TextEncoder().encode(text);

/** Registers the contract tests for one implementation under `describe(name)`. */
export function artifactStoreContract(name: string, subject: ContractSubject): void {
  describe(`${name} keeps the ArtifactStore contract`, () => {
    it('stores by digest and returns the same bytes; has and size tell what is stored', async () => {
      const store = await subject.store();
      const bytes = encode(`a model ${name} ${Math.random()}`);
      const digest = sha256Digest(bytes);
      expect(await store.has(digest)).toBe(false);
      expect(await store.size(digest)).toBeUndefined();
      expect(await store.get(digest)).toBeUndefined();
      expect(await store.put(digest, bytes)).toEqual({ created: true, size: bytes.byteLength });
      expect(await store.has(digest)).toBe(true);
      expect(await store.size(digest)).toBe(bytes.byteLength);
      expect(Buffer.from((await store.get(digest))!).equals(Buffer.from(bytes))).toBe(true);
    });

    it('is idempotent: a second put of the same bytes creates nothing', async () => {
      const store = await subject.store();
      const bytes = encode(`twice ${name} ${Math.random()}`);
      const digest = sha256Digest(bytes);
      expect((await store.put(digest, bytes)).created).toBe(true);
      expect(await store.put(digest, bytes)).toEqual({ created: false, size: bytes.byteLength });
      expect(Buffer.from((await store.get(digest))!).equals(Buffer.from(bytes))).toBe(true);
    });

    it('refuses bytes that do not hash to the digest, naming the field, and stores nothing', async () => {
      const store = await subject.store();
      const bytes = encode(`offered ${name} ${Math.random()}`);
      const claimed = sha256Digest(encode(`claimed ${Math.random()}`));
      await expect(store.put(claimed, bytes)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, problems: [{ path: 'digest' }] });
      expect(await store.has(claimed)).toBe(false);
      expect(await store.has(sha256Digest(bytes))).toBe(false);
      for (const malformed of ['md5:abc', 'sha256:../../etc/passwd', `sha256:${'A'.repeat(64)}`, '']) {
        await expect(store.put(malformed, bytes)).rejects.toMatchObject({ problems: [{ path: 'digest' }] });
      }
    });

    it('detects bytes replaced after they were stored, and never returns them', async () => {
      const store = await subject.store();
      const bytes = encode(`original ${name} ${Math.random()}`);
      const digest = sha256Digest(bytes);
      await store.put(digest, bytes);
      await subject.tamper(store, digest, encode('a trojan model'));
      const error = await store.get(digest).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ArtifactIntegrityError);
      expect(error).toMatchObject({ digest, actual: sha256Digest(encode('a trojan model')) });
    });
  });
}
