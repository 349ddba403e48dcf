import { ErrorCode, type FieldProblem } from '@ion-lineage/contract';
import { GraphQLError } from 'graphql';

// The codes are part of the contract clients read; the server re-exports them beside its error
// class, so server code takes both from one module.
export { ErrorCode, type FieldProblem };

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
  const shown = problems
    .slice(0, 5)
    .map((p) => `${p.path}: ${p.message}`)
    .join('; ');
  const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
  return new LineageError(ErrorCode.BAD_USER_INPUT, `Invalid input: ${shown}${more}`, problems);
}

/** Thrown by exhaustive switches; the compiler proves it unreachable. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
