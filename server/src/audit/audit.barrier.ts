import type { ApolloServerPlugin } from '@apollo/server';
import { type FormattedExecutionResult, GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Audit records still being written for one request, by its context. */
const pending = new WeakMap<object, Array<Promise<unknown>>>();

/** Answers serialized while their audit records were committing, by the answer's `data` object. */
const serialized = new WeakMap<object, { errors: unknown; extensions: unknown; text: string }>();

/** Apollo's own serialization of a result: members in the order errors, data, extensions. */
const serialize = (result: FormattedExecutionResult) => JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions }) + '\n';

/**
 * The server's `stringifyResult`: the text `auditBarrierPlugin` already made of this very answer
 * while its audit record committed, else Apollo's serialization. The same bytes either way.
 */
export function stringifyAnswer(result: FormattedExecutionResult): string {
  const early = result.data ? serialized.get(result.data) : undefined;
  if (early && early.errors === result.errors && early.extensions === result.extensions) return early.text;
  return serialize(result);
}

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
 * While the records commit, the answer is serialized (for `stringifyAnswer`): the wait on the
 * database and the serialization overlap instead of adding up. Only the text is made early:
 * nothing is sent before the records are committed, and a withheld answer's text is dropped
 * with it (the replacement is a new result, serialized as usual).
 */
export function auditBarrierPlugin(formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError): ApolloServerPlugin<object> {
  return {
    async requestDidStart({ contextValue }) {
      pending.set(contextValue, []);
      return {
        async willSendResponse({ response }) {
          const list = pending.get(contextValue) ?? [];
          pending.delete(contextValue);
          if (list.length && response.body.kind === 'single') {
            const result = response.body.singleResult;
            if (result.data) serialized.set(result.data, { errors: result.errors, extensions: result.extensions, text: serialize(result) });
          }
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
