/**
 * The service's public error codes: every error a client sees (GraphQL `extensions.code`, the
 * REST error body) carries exactly one. The server's error class lives in the server; clients
 * (SDK, web) read the codes from here.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  GRAPH_UNAVAILABLE: 'GRAPH_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with one input field; `path` reads like `predictions[3].modelVersionIds[0]`. */
export interface FieldProblem {
  path: string;
  message: string;
}
