/**
 * A scenario's model artifacts sent to a running server (`npm run seed -- --url`): through its
 * upload route (`PUT /api/v1/artifacts/sha256:<hex>`) with the SDK's `uploadArtifact`, which asks
 * first (`HEAD`), so seeding twice sends nothing twice. The route checks every digest, so the
 * planted corrupted artifact cannot be planted this way: that fault is skipped, as with S3.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LineageClient } from '@ion-lineage/sdk';
import type { ArtifactUploader } from './artifact-upload';

/** Runs `use` with an uploader to the server whose GraphQL endpoint is `graphqlUrl` (an INGEST token). */
export async function withRemoteArtifacts<T>(graphqlUrl: string, token: string | undefined, use: (uploader: ArtifactUploader) => Promise<T>): Promise<T> {
  // The client wants a spool for recorded events; uploads bypass it, so a throwaway one does.
  const spoolDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ion-seed-spool-'));
  const client = new LineageClient({ url: graphqlUrl, token, spoolDir });
  try {
    return await use({
      put: async (digest, bytes) => {
        const upload = await client.uploadArtifact(bytes);
        if (upload.digest !== digest) throw new Error(`artifact named ${digest} hashes to ${upload.digest}`);
        return { created: upload.created, size: upload.size };
      },
    });
  } finally {
    await client.close({ timeoutMs: 1_000 });
    await fs.rm(spoolDir, { recursive: true, force: true });
  }
}
