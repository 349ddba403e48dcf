import { type ASTNode, GraphQLError, isValueNode, Kind, type ValidationRule } from 'graphql';
import { badInput, ErrorCode, LineageError } from '../errors';

/**
 * Thrown by the service's scalars for a value that cannot be theirs. `problem` is a phrase to
 * follow a field name (`at: is not a real date: …`); `message` stands alone. Not a GraphQLError
 * on purpose: graphql-js then wraps it with the offending value's node, which names it below.
 */
export class InputValueError extends TypeError {
  constructor(
    readonly problem: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where each literal value of the current documents sits: `at`, `filter.text`, `items[2].at`. */
const LITERAL_PATHS = new WeakMap<ASTNode, string>();

/**
 * Records, for every literal value inside an argument, the argument (and input field) it is
 * given to. graphql-js reports a scalar's refusal of a literal with the value's node but not the
 * argument's name; this lets the error formatter name it. Runs with validation, records only.
 */
export function literalPathsRule(): ValidationRule {
  return () => {
    const path: string[] = [];
    const step = (node: ASTNode, key: string | number | undefined): string | undefined => {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) return `.${node.name.value}`;
      if (typeof key === 'number' && isValueNode(node)) return `[${key}]`;
      return undefined;
    };
    return {
      enter(node, key) {
        const part = step(node, key);
        if (part) path.push(part);
        if (path.length > 0 && isValueNode(node) && node.kind !== Kind.VARIABLE) LITERAL_PATHS.set(node, path.join('').slice(1));
      },
      leave(node, key) {
        if (step(node, key)) path.pop();
      },
    };
  };
}

/**
 * A scalar's refusal of an argument as BAD_USER_INPUT naming the argument (for literals) or the
 * variable (graphql-js already names it in the message). Undefined for any other error.
 */
export function inputValueError(error: unknown): LineageError | undefined {
  if (!(error instanceof GraphQLError) || error.path) return undefined;
  const original = error.originalError;
  if (!(original instanceof InputValueError)) return undefined;
  const node = error.nodes?.[0];
  const literalPath = node ? LITERAL_PATHS.get(node) : undefined;
  if (literalPath) return badInput([{ path: literalPath, message: original.problem }]);
  // A variable (or a default value): graphql-js's message names it, e.g. `Variable "$at" got …`.
  return new LineageError(ErrorCode.BAD_USER_INPUT, error.message);
}
