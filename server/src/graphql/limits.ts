import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import { ErrorCode, LineageError } from '../errors';

/** Deepest selection a client may ask for; the why view needs 7 levels. */
export const MAX_QUERY_DEPTH = 12;
/** Most fields one operation may select (fragments expanded); the why view uses about 200. */
export const MAX_QUERY_FIELDS = 2_000;

/** Rejects over-deep selections while validating, before anything runs. */
export function depthRule(): ValidationRule {
  return depthLimit(MAX_QUERY_DEPTH);
}

/**
 * Counts the fields an operation selects, expanding fragments (each spread counted where it
 * is used, so fragment bombs add up). Written here rather than taken from a complexity
 * library: the one we tried loads a second copy of graphql and fails on every query.
 */
export function countSelectedFields(document: DocumentNode, operationName?: string | null): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;

  const count = (set: SelectionSetNode | undefined, depth: number): number => {
    // Validation rejects fragment cycles, but stay safe if this runs on unvalidated input.
    if (!set || depth > 64) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet, depth + 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet, depth + 1);
      else total += count(fragments.get(selection.name.value)?.selectionSet, depth + 1);
      if (total > MAX_QUERY_FIELDS) return total;
    }
    return total;
  };
  return count(operation.selectionSet, 0);
}

/** Refuses operations that select too many fields with LIMIT_EXCEEDED, before any resolver runs. */
export function fieldCountPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const fields = countSelectedFields(document, request.operationName);
          if (fields > MAX_QUERY_FIELDS) {
            throw new LineageError(
              ErrorCode.LIMIT_EXCEEDED,
              `Query selects more than ${MAX_QUERY_FIELDS} fields (fragments expanded); split it or select fewer fields.`,
              [],
              400,
            );
          }
        },
      };
    },
  };
}
