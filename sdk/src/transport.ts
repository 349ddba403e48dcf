/**
 * One delivery over HTTP: the GraphQL `ingest(bundle:)` mutation with the SDK's headers, and
 * the answer sorted into confirmed, worth retrying, or refused for good.
 */
import { ErrorCode } from '@ion-lineage/contract';
import type { BundleResult, Part } from './parts.js';
import { PARTS } from './parts.js';
import { DeliveryError, type ServerProblem } from './errors.js';

/** The mutation every delivery uses: any mix of parts, one transaction, parents first. */
export const INGEST_MUTATION = `mutation Ingest($bundle: IngestBundleInput!) { ingest(bundle: $bundle) { ${PARTS.map((part) => `${part} { created unchanged }`).join(' ')} } }`;

/**
 * The answers that refuse a record for its content: retrying cannot help, so the sender
 * isolates the record and dead-letters it. Every other failure (network, HTTP 5xx or 404, an
 * unreachable graph, INTERNAL, a refused token, a query the server does not know) is a state
 * of the service or of the configuration, and is retried so that nothing is dropped.
 */
const REFUSAL_CODES = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.CONFLICT, ErrorCode.LIMIT_EXCEEDED]);

/**
 * Builds the request body from the stored JSON text of each part's items, without parsing
 * and serializing them again.
 */
export function requestBody(parts: ReadonlyMap<Part, readonly string[]>): string {
  const fields: string[] = [];
  for (const part of PARTS) {
    const items = parts.get(part);
    if (items && items.length > 0) fields.push(`${JSON.stringify(part)}:[${items.join(',')}]`);
  }
  return `{"query":${JSON.stringify(INGEST_MUTATION)},"variables":{"bundle":{${fields.join(',')}}}}`;
}

interface GraphqlAnswer {
  data?: { ingest?: BundleResult } | null;
  errors?: Array<{ message?: string; extensions?: { code?: string; problems?: ServerProblem[] } }>;
}

/**
 * Sorts an HTTP answer: the per-part counts when the server confirmed the delivery, otherwise
 * a DeliveryError whose `transient` flag says whether to retry.
 */
export function classifyAnswer(status: number, text: string): BundleResult | DeliveryError {
  let body: GraphqlAnswer | undefined;
  try {
    body = JSON.parse(text) as GraphqlAnswer;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? `HTTP_${status}`;
    const problems = first.extensions?.problems ?? [];
    // A CONFLICT without problems is a race with another writer of the same ids, not a refusal.
    const refused = (REFUSAL_CODES.has(code) && (code !== ErrorCode.CONFLICT || problems.length > 0)) || status === 413;
    return new DeliveryError(first.message ?? 'request refused', code, !refused, status, problems);
  }
  if (status >= 200 && status < 300 && body?.data?.ingest) return body.data.ingest;
  return new DeliveryError(`HTTP ${status}: ${text.slice(0, 200) || 'empty answer'}`, `HTTP_${status}`, status !== 413, status);
}

export interface TransportOptions {
  url: string;
  clientId: string;
  token?: string | (() => string | Promise<string>);
  timeoutMs: number;
  fetch: typeof fetch;
}

/** Sends one body; resolves with the counts or rejects with a DeliveryError. */
export async function deliver(options: TransportOptions, body: string, spoolDepth: number, signal?: AbortSignal): Promise<BundleResult> {
  const token = typeof options.token === 'function' ? await options.token() : options.token;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-ion-sdk-client': options.clientId,
    'x-ion-sdk-spool-depth': String(spoolDepth),
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await options.fetch(options.url, { method: 'POST', headers, body, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DeliveryError(`Network error: ${cause?.code ?? cause?.message ?? (error as Error).message}`, 'NETWORK', true);
  }
  const answer = classifyAnswer(response.status, text);
  if (answer instanceof DeliveryError) throw answer;
  return answer;
}
