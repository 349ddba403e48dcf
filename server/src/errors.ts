import { GraphQLError } from 'graphql';

/** The service's public error codes; every error a client sees carries exactly one. */
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

/** The one base error of the service. Unknown errors are hidden behind INTERNAL. */
export class LineageError extends GraphQLError {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[];

  /** `httpStatus` is for errors raised before execution, when the whole request is refused. */
  constructor(code: ErrorCode, message: string, problems: FieldProblem[] = [], httpStatus?: number) {
    super(message, {
      extensions: { code, ...(problems.length ? { problems } : {}), ...(httpStatus ? { http: { status: httpStatus } } : {}) },
    });
    this.code = code;
    this.problems = problems;
  }
}

/** Builds a BAD_USER_INPUT error whose message names the first offending fields. */
export function badInput(problems: FieldProblem[]): LineageError {
  const shown = problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return new LineageError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${shown}${more}`, problems);
}

/** Thrown by exhaustive switches; the compiler proves it unreachable. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
