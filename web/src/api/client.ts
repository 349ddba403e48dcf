/**
 * The one way the UI talks to the API: POST /graphql with the session's bearer token. Failures
 * become an `ApiError` with a kind the views can explain (server unreachable, database down, not
 * signed in, not permitted, not found, bad input, other). A 401 ends the session, so the app
 * shows the sign-in screen.
 */
import type { ErrorCode } from '@ion-lineage/contract';
import { getSession, signOut } from '../auth/session';
import type { TypedDocumentString } from './generated';

/** The service's error codes the UI explains as they are; CONFLICT and INTERNAL read as SERVER. */
type ExplainedCode = Exclude<ErrorCode, 'CONFLICT' | 'INTERNAL'>;

export type ApiErrorKind = 'NETWORK' | ExplainedCode | 'SERVER';

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

const KNOWN: ReadonlySet<string> = new Set<ExplainedCode>([
  'GRAPH_UNAVAILABLE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'LIMIT_EXCEEDED',
]);

/** Maps a GraphQL error code to an error kind. */
export function kindOf(code: string | undefined): ApiErrorKind {
  return code && KNOWN.has(code) ? (code as ApiErrorKind) : 'SERVER';
}

/** The name of a named operation (`query Why(…)` → "Why"): the server logs and audits it. */
export function operationName(query: string): string | null {
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? null;
}

/**
 * Runs one generated operation (a `*Document` of generated.ts, which carries its result and
 * variables types); resolves to `data` or rejects with an ApiError.
 */
export async function gql<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  const query = document.toString();
  const { token } = getSession();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables, operationName: operationName(query) }),
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('NETWORK', 'The ION Lineage server cannot be reached. Is it running (npm start)?');
  }
  let body: GqlBody<TResult> | null = null;
  try {
    body = (await response.json()) as GqlBody<TResult>;
  } catch {
    if (response.status !== 401)
      throw new ApiError(
        response.status >= 500 ? 'NETWORK' : 'SERVER',
        `The server answered ${response.status} ${response.statusText} without a GraphQL body.`,
      );
  }
  const first = body?.errors?.[0];
  if (response.status === 401 || first?.extensions?.code === 'UNAUTHENTICATED') {
    // Missing, expired or revoked: the app swaps to the sign-in screen.
    signOut(token ? 'rejected' : 'none');
    throw new ApiError('UNAUTHENTICATED', first?.message ?? 'Sign-in required.');
  }
  if (first) throw new ApiError(kindOf(first.extensions?.code), first.message);
  if (!body) throw new ApiError('SERVER', `The server answered ${response.status} without a body.`);
  if (!body.data) throw new ApiError('SERVER', `The server answered ${response.status} without data.`);
  return body.data;
}
