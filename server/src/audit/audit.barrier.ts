import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Audit records still being written for one request, by its context. */
const pending = new WeakMap<object, Array<Promise<unknown>>>();

/**
 * Lets a read's audit record be written while the rest of its answer is resolved and
 * serialized, instead of before: returns false (the caller must then await `written` itself)
 * unless the request runs under `auditBarrierPlugin`, which withholds the answer until every
 * record so deferred is committed.
 */
export function deferAudit(context: object, written: Promise<unknown>): boolean {
  const list = pending.get(context);
  if (!list) return false;
  // Observed here so a failure is not reported as unhandled before the barrier awaits it.
  written.catch(() => {});
  list.push(written);
  return true;
}

/**
 * The barrier between an answered read and its audit record: before the response leaves,
 * every record `deferAudit` started for the request must be committed. If one fails, the
 * answer is replaced by the error (formatted as any other), so no data goes out unrecorded.
 */
export function auditBarrierPlugin(formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError): ApolloServerPlugin<object> {
  return {
    async requestDidStart({ contextValue }) {
      pending.set(contextValue, []);
      return {
        async willSendResponse({ response }) {
          const list = pending.get(contextValue) ?? [];
          pending.delete(contextValue);
          const failed = (await Promise.allSettled(list)).find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
          if (!failed || response.body.kind !== 'single') return;
          const error = new GraphQLError('The access could not be recorded in the audit log, so its answer is withheld.', {
            originalError: failed.reason instanceof Error ? failed.reason : undefined,
          });
          response.body.singleResult = { errors: [formatError(error.toJSON(), failed.reason)] };
        },
      };
    },
  };
}
