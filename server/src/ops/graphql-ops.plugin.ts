import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { Kind, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { ErrorCode, LineageError } from '../errors';
import type { OpsMetrics } from './metrics';

/** Codes of errors the client caused or can retry; logged at info, the rest at warn or error. */
const CLIENT_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.CONFLICT,
  ErrorCode.LIMIT_EXCEEDED,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** The public code of an error as formatError will send it: the service's, Apollo's, or INTERNAL. */
export function errorCode(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (original instanceof LineageError) return original.code;
  const code = error.extensions?.code;
  return typeof code === 'string' && (CLIENT_CODES.has(code) || code === ErrorCode.GRAPH_UNAVAILABLE) ? code : ErrorCode.INTERNAL;
}

/** The label of an operation: its name, else its first root field (`ingestPredictions`), else `unknown`. */
export function operationLabel(name: string | null | undefined, operation: OperationDefinitionNode | undefined): string {
  if (name) return name;
  const first = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
  return first?.kind === Kind.FIELD ? first.name.value : 'unknown';
}

/**
 * Times every GraphQL operation by name and outcome, and logs each error once with its code and
 * the request id. Unknown errors are left to formatError, which logs them with their stack
 * (inside the request's scope, so with its id too).
 */
export function graphqlOpsPlugin(metrics: OpsMetrics, log: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = errorCode(error);
            if (code === ErrorCode.INTERNAL) continue;
            const line = { code, operation: operationName ?? undefined, path: error.path?.join('.') };
            if (CLIENT_CODES.has(code)) log.info(line, `GraphQL error ${code}: ${error.message.slice(0, 500)}`);
            else log.warn(line, `GraphQL error ${code}: ${error.message.slice(0, 500)}`);
          }
        },
        async willSendResponse({ errors, operationName, operation }) {
          const outcome = errors?.length ? errorCode(errors[0]) : 'ok';
          metrics.observeOperation(operationLabel(operationName, operation), outcome, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
