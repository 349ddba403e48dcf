/**
 * A scenario's model artifacts sent to a running server (`npm run seed -- --url`): through its
 * upload route (`PUT /api/v1/artifacts/sha256:<hex>`), asking first (`HEAD`), so seeding twice
 * sends nothing twice. The route checks every digest, so the planted corrupted artifact cannot be
 * planted this way: that fault is skipped, as with S3. Plain `fetch`, not the SDK: the seed is
 * loaded by the server's start-up, and the SDK is not among the server's dependencies.
 */
import { artifactsUrlFor, readRestRefusal } from '@ion-lineage/contract';
import type { ArtifactUploader } from './artifact-upload';

/** A refusal of the upload route, with the error code its one REST error layer gave. */
export class ArtifactRefusedError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

async function refusal(response: Response): Promise<ArtifactRefusedError> {
  const { message, code } = readRestRefusal(response.status, await response.text());
  return new ArtifactRefusedError(message, code);
}

/** Runs `use` with an uploader to the server whose GraphQL endpoint is `graphqlUrl` (an INGEST token). */
export async function withRemoteArtifacts<T>(graphqlUrl: string, token: string | undefined, use: (uploader: ArtifactUploader) => Promise<T>): Promise<T> {
  const base = artifactsUrlFor(graphqlUrl);
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return use({
    put: async (digest, bytes) => {
      const head = await fetch(`${base}/${digest}`, { method: 'HEAD', headers });
      if (head.status === 200) return { created: false, size: bytes.byteLength };
      if (head.status !== 404) throw await refusal(head);
      const put = await fetch(`${base}/${digest}`, { method: 'PUT', headers, body: new Uint8Array(bytes) });
      if (put.status !== 200 && put.status !== 201) throw await refusal(put);
      const answer = (await put.json()) as { created: boolean; size: number; digest?: string };
      if (answer.digest && answer.digest !== digest) throw new Error(`artifact named ${digest} was stored as ${answer.digest}`);
      return { created: answer.created, size: answer.size };
    },
  });
}
