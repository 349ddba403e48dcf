/**
 * The REST side of the contract, as clients read it: where the artifact route sits beside the
 * GraphQL endpoint, and what a refusal's body says (the server's one REST error layer answers
 * `{ errors: [{ message, extensions: { code, problems } }] }`).
 */
import type { FieldProblem } from './error-codes.js';

/** The artifacts endpoint beside a GraphQL endpoint (`…/graphql` → `…/api/v1/artifacts`). */
export function artifactsUrlFor(graphqlUrl: string): string {
  // String work, not `URL`: the contract builds without DOM or Node types, for any client.
  const [endpoint = ''] = graphqlUrl.split(/[?#]/);
  return `${endpoint.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/api/v1/artifacts`;
}

/** A REST refusal read from its status and body. */
export interface RestRefusal {
  message: string;
  /** The server's error code; for an answer without a readable body, the status's own code or `HTTP_<status>`. */
  code: string;
  problems: FieldProblem[];
}

/** Codes for answers without a body (a refused HEAD): the REST layer's own status of each. */
const CODE_OF_STATUS: Readonly<Record<number, string>> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

/** Reads a refused REST answer (any status but success) into its message, code and field problems. */
export function readRestRefusal(status: number, body: string): RestRefusal {
  let first: { message?: string; extensions?: { code?: string; problems?: FieldProblem[] } } | undefined;
  try {
    first = (JSON.parse(body) as { errors?: Array<typeof first> }).errors?.[0];
  } catch {
    first = undefined;
  }
  return {
    message: first?.message ?? `HTTP ${status}: ${body.slice(0, 200) || 'empty answer'}`,
    code: first?.extensions?.code ?? CODE_OF_STATUS[status] ?? `HTTP_${status}`,
    problems: first?.extensions?.problems ?? [],
  };
}
