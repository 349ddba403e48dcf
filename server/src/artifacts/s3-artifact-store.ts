/**
 * Model artifacts in any S3-compatible object store (AWS S3, MinIO, Ceph, R2, ...), through the
 * official AWS SDK v3 client. Objects are keyed by digest, so the store never needs a listing,
 * and bytes are verified against their digest on the way in and again on the way out: an object
 * replaced behind the service's back is detected, never served.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { checkStored, parseArtifactDigest, verifyDigest } from './artifact-digest';
import type { ArtifactStore } from './artifact-store';

/** Where the bucket is and how to reach it; credentials come from the standard AWS chain unless given. */
export interface S3ArtifactStoreOptions {
  bucket: string;
  /** Prepended to every key (e.g. `models/`); a trailing `/` is added when missing. */
  prefix?: string;
  /** Endpoint of a non-AWS S3-compatible server, e.g. `http://minio.internal:9000`. */
  endpoint?: string;
  /** Default: AWS_REGION, else `us-east-1` (most S3-compatible servers accept any region). */
  region?: string;
  /** Path-style URLs (`endpoint/bucket/key`); default true when `endpoint` is set, as non-AWS servers mostly need. */
  forcePathStyle?: boolean;
  /** Explicit credentials (tests); otherwise the SDK's default chain (env, profile, instance role). */
  credentials?: S3ClientConfig['credentials'];
}

/** True when the SDK says the object (or bucket) is not there. */
function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey || error instanceof NotFound) return true;
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404 && error.name !== 'NoSuchBucket';
}

/** Artifacts as objects `<prefix>sha256/<hex>` in one bucket. */
export class S3ArtifactStore implements ArtifactStore {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  private readonly endpoint: string | undefined;

  constructor(options: S3ArtifactStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix ? options.prefix.replace(/\/*$/, '/') : '';
    this.endpoint = options.endpoint;
    this.client = new S3Client({
      region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      credentials: options.credentials,
      // Newer SDKs add CRC checksums to every request, which many S3-compatible servers refuse;
      // the digest check on put and get is this store's integrity guarantee.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get description(): string {
    return `S3 bucket ${this.bucket}${this.prefix ? ` under ${this.prefix}` : ''}${this.endpoint ? ` at ${new URL(this.endpoint).host}` : ''}`;
  }

  /** The object key of a digest (its form checked first, so no key is ever built from other input). */
  keyOf(digest: string): string {
    return `${this.prefix}sha256/${parseArtifactDigest(digest).slice('sha256:'.length)}`;
  }

  async put(digest: string, bytes: Uint8Array): Promise<{ created: boolean; size: number }> {
    verifyDigest(digest, bytes);
    // HEAD first: content-addressed, so bytes already stored under this key are these bytes
    // (or corrupt, which `get` detects); a second upload costs no transfer.
    if (await this.has(digest)) return { created: false, size: bytes.byteLength };
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(digest),
        Body: bytes,
        ContentLength: bytes.byteLength,
        ContentType: 'application/octet-stream',
        Metadata: { digest },
      }),
    );
    return { created: true, size: bytes.byteLength };
  }

  async get(digest: string): Promise<Uint8Array | undefined> {
    let bytes: Uint8Array;
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(digest) }));
      if (!answer.Body) return undefined;
      bytes = await answer.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    return checkStored(digest, bytes);
  }

  async has(digest: string): Promise<boolean> {
    return (await this.size(digest)) !== undefined;
  }

  async size(digest: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(digest) }));
      return head.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }
}
