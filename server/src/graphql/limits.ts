import type { ApolloServerPlugin } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { GraphQLSchema, ValidationRule } from 'graphql';
import { ErrorCode, LineageError } from '../errors';

/** Deepest selection a client may ask for; the why view needs 7 levels. */
export const MAX_QUERY_DEPTH = 12;
/** Most fields one operation may select (each field counts 1); the why view uses about 200. */
export const MAX_QUERY_COMPLEXITY = 2_000;

/** Rejects over-deep selections while validating, before anything runs. */
export function depthRule(): ValidationRule {
  return depthLimit(MAX_QUERY_DEPTH);
}

/**
 * Rejects operations that select too many fields (e.g. thousands of aliases) with
 * LIMIT_EXCEEDED, before any resolver touches the database.
 */
export function complexityPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const complexity = getComplexity({
            schema,
            operationName: request.operationName,
            query: document,
            variables: request.variables,
            estimators: [simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > MAX_QUERY_COMPLEXITY) {
            throw new LineageError(
              ErrorCode.LIMIT_EXCEEDED,
              `Query selects ${complexity} fields; at most ${MAX_QUERY_COMPLEXITY} are allowed. Split it or select fewer fields.`,
            );
          }
        },
      };
    },
  };
}
