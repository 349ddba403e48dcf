/**
 * Model artifacts, content-addressed by SHA-256: stored and fetched by digest, verified on the
 * way in and on the way out, so a replay runs exactly the bytes a model version names.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../config';
import { checkStored, parseArtifactDigest, verifyDigest } from './artifact-digest';
import { S3ArtifactStore } from './s3-artifact-store';

export { ARTIFACT_DIGEST, ArtifactIntegrityError, parseArtifactDigest, sha256Digest, verifyDigest } from './artifact-digest';

/** Where artifacts live; every implementation verifies digests on put and get. */
export interface ArtifactStore {
  /** Stores bytes under their digest; refuses (BAD_USER_INPUT on `digest`) when they hash otherwise. Idempotent. */
  put(digest: string, bytes: Uint8Array): Promise<{ created: boolean; size: number }>;
  /** The bytes stored under a digest, verified; undefined when none are; ArtifactIntegrityError when they no longer match. */
  get(digest: string): Promise<Uint8Array | undefined>;
  /** Whether bytes are stored under a digest (not verified). */
  has(digest: string): Promise<boolean>;
  /** The size in bytes of what is stored under a digest (not verified); undefined when nothing is. */
  size(digest: string): Promise<number | undefined>;
  /** Where the store is, for logs and the README (never a secret). */
  readonly description: string;
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
    return checkStored(digest, bytes);
  }

  async has(digest: string): Promise<boolean> {
    return (await this.size(digest)) !== undefined;
  }

  async size(digest: string): Promise<number | undefined> {
    try {
      return (await fs.stat(this.fileOf(digest))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

/**
 * The artifact store the environment configures: an S3-compatible bucket when
 * ARTIFACT_S3_BUCKET is set (ARTIFACT_S3_ENDPOINT, ARTIFACT_S3_REGION, ARTIFACT_S3_PREFIX,
 * ARTIFACT_S3_FORCE_PATH_STYLE; credentials from the standard AWS chain), otherwise the local
 * folder ARTIFACT_DIR (default `.data/artifacts`).
 */
export function artifactStoreFrom(env: NodeJS.ProcessEnv = process.env): ArtifactStore {
  const bucket = env.ARTIFACT_S3_BUCKET;
  if (bucket) {
    const pathStyle = env.ARTIFACT_S3_FORCE_PATH_STYLE;
    if (pathStyle && pathStyle !== 'true' && pathStyle !== 'false') throw new Error(`ARTIFACT_S3_FORCE_PATH_STYLE must be true or false, got '${pathStyle}'`);
    return new S3ArtifactStore({
      bucket,
      prefix: env.ARTIFACT_S3_PREFIX || undefined,
      endpoint: env.ARTIFACT_S3_ENDPOINT || undefined,
      region: env.ARTIFACT_S3_REGION || env.AWS_REGION || undefined,
      forcePathStyle: pathStyle ? pathStyle === 'true' : undefined,
    });
  }
  return new LocalArtifactStore(env.ARTIFACT_DIR ?? path.join(REPO_ROOT, '.data', 'artifacts'));
}
