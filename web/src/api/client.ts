/**
 * The one way the UI talks to the API: POST /graphql. Failures become an `ApiError` with a kind
 * the views can explain (server unreachable, database down, not found, bad input, other).
 */

export type ApiErrorKind = 'NETWORK' | 'GRAPH_UNAVAILABLE' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'LIMIT_EXCEEDED' | 'SERVER';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GqlBody<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const KNOWN: ReadonlySet<string> = new Set(['GRAPH_UNAVAILABLE', 'NOT_FOUND', 'BAD_USER_INPUT', 'LIMIT_EXCEEDED']);

/** Maps a GraphQL error code to an error kind. */
export function kindOf(code: string | undefined): ApiErrorKind {
  return code && KNOWN.has(code) ? (code as ApiErrorKind) : 'SERVER';
}

/** Runs one operation; resolves to `data` or rejects with an ApiError. */
export async function gql<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }), signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('NETWORK', 'The ION Lineage server cannot be reached. Is it running (npm start)?');
  }
  let body: GqlBody<T>;
  try {
    body = (await response.json()) as GqlBody<T>;
  } catch {
    throw new ApiError(response.status >= 500 ? 'NETWORK' : 'SERVER', `The server answered ${response.status} ${response.statusText} without a GraphQL body.`);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(kindOf(first.extensions?.code), first.message);
  if (!body.data) throw new ApiError('SERVER', `The server answered ${response.status} without data.`);
  return body.data;
}
