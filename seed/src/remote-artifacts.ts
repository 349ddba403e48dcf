/**
 * A scenario's model artifacts sent to a running server (`npm run seed -- --url`): through its
 * upload route (`PUT /api/v1/artifacts/sha256:<hex>`), asking first (`HEAD`), so seeding twice
 * sends nothing twice. The route checks every digest, so the planted corrupted artifact cannot be
 * planted this way: that fault is skipped, as with S3. Plain `fetch`, not the SDK: the seed is
 * loaded by the server's start-up, and the SDK is not among the server's dependencies.
 */
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

/** The artifact route beside a GraphQL endpoint (`…/graphql` → `…/api/v1/artifacts`). */
function artifactsUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/api/v1/artifacts`;
  url.search = '';
  return url.toString();
}

/** Codes for answers without a body (a refused HEAD): the REST layer's own status of each. */
const CODE_OF_STATUS: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

async function refusal(response: Response): Promise<ArtifactRefusedError> {
  const text = await response.text();
  let first: { message?: string; extensions?: { code?: string } } | undefined;
  try {
    first = (JSON.parse(text) as { errors?: Array<typeof first> }).errors?.[0];
  } catch {
    first = undefined;
  }
  return new ArtifactRefusedError(
    first?.message ?? `HTTP ${response.status}: ${text.slice(0, 200)}`,
    first?.extensions?.code ?? CODE_OF_STATUS[response.status] ?? `HTTP_${response.status}`,
  );
}

/** Runs `use` with an uploader to the server whose GraphQL endpoint is `graphqlUrl` (an INGEST token). */
export async function withRemoteArtifacts<T>(graphqlUrl: string, token: string | undefined, use: (uploader: ArtifactUploader) => Promise<T>): Promise<T> {
  const base = artifactsUrl(graphqlUrl);
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
