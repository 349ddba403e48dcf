/**
 * The digests model artifacts are addressed by (`sha256:<hex>`), and the checks every store
 * applies on the way in and out.
 */
import { createHash } from 'node:crypto';
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

/** Stored bytes as read back, or ArtifactIntegrityError when they no longer hash to their digest. */
export function checkStored<T extends Uint8Array>(digest: string, bytes: T): T {
  const actual = sha256Digest(bytes);
  if (actual !== digest) throw new ArtifactIntegrityError(digest, actual);
  return bytes;
}

/** Checks that bytes hash to the digest they are offered under. */
export function verifyDigest(digest: string, bytes: Uint8Array, field = 'digest'): void {
  const actual = sha256Digest(bytes);
  if (actual !== parseArtifactDigest(digest, field)) throw badInput([{ path: field, message: `is ${digest} but the bytes hash to ${actual}` }]);
}
