/**
 * Model artifacts, content-addressed by SHA-256: stored and fetched by digest, verified on the
 * way in and on the way out, so a replay runs exactly the bytes a model version names.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { badInput } from '../errors';

/** `sha256:` followed by 64 lowercase hex digits: the only digest form artifacts are addressed by. */
export const ARTIFACT_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The digest of some bytes, in the form artifacts are addressed by. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Checks a digest's form; the error names the field it came from. */
export function parseArtifactDigest(digest: string, field = 'digest'): string {
  if (!ARTIFACT_DIGEST.test(digest)) throw badInput([{ path: field, message: 'must be sha256:<64 lowercase hex digits>' }]);
  return digest;
}

/** Raised when stored bytes no longer hash to the digest they are stored under. */
export class ArtifactIntegrityError extends Error {
  constructor(
    readonly digest: string,
    readonly actual: string,
  ) {
    super(`artifact ${digest} is corrupt: its bytes hash to ${actual}`);
    this.name = 'ArtifactIntegrityError';
  }
}

/** Where artifacts live; every implementation verifies digests on put and get. */
export interface ArtifactStore {
  /** Stores bytes under their digest; refuses (BAD_USER_INPUT on `digest`) when they hash otherwise. Idempotent. */
  put(digest: string, bytes: Uint8Array): Promise<{ created: boolean; size: number }>;
  /** The bytes stored under a digest, verified; undefined when none are; ArtifactIntegrityError when they no longer match. */
  get(digest: string): Promise<Uint8Array | undefined>;
  /** Whether bytes are stored under a digest (not verified). */
  has(digest: string): Promise<boolean>;
  /** Where the store is, for logs and the README (never a secret). */
  readonly description: string;
}

/** Checks that bytes hash to the digest they are offered under. */
export function verifyDigest(digest: string, bytes: Uint8Array, field = 'digest'): void {
  const actual = sha256Digest(bytes);
  if (actual !== parseArtifactDigest(digest, field)) throw badInput([{ path: field, message: `is ${digest} but the bytes hash to ${actual}` }]);
}

/** A folder of files named by digest (the embedded default, under `.data/artifacts`). */
export class LocalArtifactStore implements ArtifactStore {
  constructor(readonly dir: string) {}

  get description(): string {
    return `local folder ${path.relative(process.cwd(), this.dir) || '.'}`;
  }

  private fileOf(digest: string): string {
    const hex = parseArtifactDigest(digest).slice('sha256:'.length);
    // Two levels of fan-out keep folders small when there are many artifacts.
    return path.join(this.dir, hex.slice(0, 2), hex);
  }

  async put(digest: string, bytes: Uint8Array): Promise<{ created: boolean; size: number }> {
    verifyDigest(digest, bytes);
    const file = this.fileOf(digest);
    if (await this.has(digest)) return { created: false, size: bytes.byteLength };
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write aside, then rename: a reader never sees half an artifact, and concurrent puts of
    // the same digest both end with the same complete file.
    const partial = `${file}.${randomUUID()}.partial`;
    await fs.writeFile(partial, bytes, { flag: 'wx' });
    await fs.rename(partial, file);
    return { created: true, size: bytes.byteLength };
  }

  async get(digest: string): Promise<Uint8Array | undefined> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.fileOf(digest));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const actual = sha256Digest(bytes);
    if (actual !== digest) throw new ArtifactIntegrityError(digest, actual);
    return bytes;
  }

  async has(digest: string): Promise<boolean> {
    try {
      await fs.access(this.fileOf(digest));
      return true;
    } catch {
      return false;
    }
  }
}

/** The artifact store the environment configures: ARTIFACT_DIR (default `.data/artifacts`). */
export function artifactStoreFrom(env: NodeJS.ProcessEnv = process.env): ArtifactStore {
  return new LocalArtifactStore(env.ARTIFACT_DIR ?? path.join(REPO_ROOT, '.data', 'artifacts'));
}
