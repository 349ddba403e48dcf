/**
 * Model artifacts: uploads the bytes of a model to the service's content-addressed store
 * (`PUT /api/v1/artifacts/sha256:<hex>`), after asking whether it holds them already (`HEAD`),
 * so an artifact is sent at most once however often a pipeline registers it.
 */
import { createHash } from 'node:crypto';
import { artifactsUrlFor, readRestRefusal } from '@ion-lineage/contract';
import { DeliveryError } from './errors.js';

export { artifactsUrlFor };

/** What an upload did: the digest the bytes are stored under, and whether this call stored them. */
export interface ArtifactUpload {
  /** `sha256:<hex>`: name it as the model version's `digest` so replay finds the bytes. */
  digest: string;
  /** False when the service held these bytes already. */
  created: boolean;
  size: number;
}

export interface ArtifactTransport {
  /** The artifacts endpoint, e.g. `http://lineage.internal:4000/api/v1/artifacts`. */
  artifactsUrl: string;
  token?: string | (() => string | Promise<string>);
  timeoutMs: number;
  fetch: typeof fetch;
}

/** The digest artifacts are addressed by. */
export function artifactDigest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function send(transport: ArtifactTransport, method: 'HEAD' | 'PUT', digest: string, body?: Uint8Array): Promise<Response> {
  const token = typeof transport.token === 'function' ? await transport.token() : transport.token;
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await transport.fetch(`${transport.artifactsUrl}/${digest}`, {
      method,
      headers,
      body: body ? new Uint8Array(body) : undefined,
      signal: AbortSignal.timeout(transport.timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DeliveryError(`Network error: ${cause?.code ?? cause?.message ?? (error as Error).message}`, 'NETWORK', true);
  }
}

async function refusal(response: Response): Promise<DeliveryError> {
  const { message, code, problems } = readRestRefusal(response.status, await response.text());
  const transient = response.status >= 500 || response.status === 429;
  return new DeliveryError(message, code, transient, response.status, problems);
}

/** Uploads `bytes` unless the service holds them; rejects with DeliveryError when refused. */
export async function uploadArtifact(transport: ArtifactTransport, bytes: Uint8Array): Promise<ArtifactUpload> {
  const digest = artifactDigest(bytes);
  const head = await send(transport, 'HEAD', digest);
  if (head.status === 200) return { digest, created: false, size: bytes.byteLength };
  if (head.status !== 404) throw await refusal(head);
  const put = await send(transport, 'PUT', digest, bytes);
  if (put.status !== 200 && put.status !== 201) throw await refusal(put);
  const answer = (await put.json()) as { created: boolean; size: number };
  return { digest, created: answer.created, size: answer.size };
}
