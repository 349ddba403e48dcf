/**
 * Uploads a scenario's model artifacts through the artifact store's own `put` (which verifies
 * each digest), leaving out the one planted as never uploaded, and then plants the corrupted
 * one: other bytes in the file its digest names, as a disk fault or a tampering would leave
 * them. Only a local store can be corrupted that way; with another store the fault is skipped.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { type ArtifactStore, LocalArtifactStore } from '../../server/src/artifacts/artifact-store';
import type { ScenarioArtifact } from './scenario/artifacts';

/** Where artifacts are uploaded: a store, or a server's upload route (remote-artifacts.ts). */
export type ArtifactUploader = Pick<ArtifactStore, 'put'>;

/** Where a local store keeps a digest's bytes (its two-level fan-out); checked by a test that reads it back. */
export function localArtifactFile(store: LocalArtifactStore, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return path.join(store.dir, hex.slice(0, 2), hex);
}

/** Uploads `artifacts` (idempotent) and plants the corrupted one; returns how many were stored. */
export async function uploadArtifacts(store: ArtifactUploader, artifacts: readonly ScenarioArtifact[]): Promise<number> {
  let stored = 0;
  for (const artifact of artifacts) {
    if (artifact.fault === 'NOT_UPLOADED') continue;
    await store.put(artifact.digest, artifact.bytes);
    stored++;
    if (artifact.fault === 'CORRUPTED' && store instanceof LocalArtifactStore) {
      const altered = Buffer.from(artifact.bytes);
      // One flipped byte in the last coefficient's neighbourhood: still a parseable model, no longer the one named.
      altered[altered.length - 1] = altered[altered.length - 1]! ^ 0xff;
      await fs.writeFile(localArtifactFile(store, artifact.digest), altered);
    }
  }
  return stored;
}
