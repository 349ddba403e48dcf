import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { ErrorCode, LineageError } from '../errors';
import { inputValueError } from './input-errors';

/** Apollo's own codes for bad requests, which already say what is wrong with the request. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** A JSON-quoted value of more than 200 characters in a message; the first 200 are kept. */
const LONG_QUOTED = /"((?:[^"\\]|\\.){200})(?:[^"\\]|\\.)+"/g;

/**
 * graphql-js quotes the offending value whole (`got invalid value "…2 MB…" at "items[0].at"`);
 * keep the message and the field path, not megabytes of the client's own input.
 */
export function shortenQuotedValues(message: string): string {
  return message.replace(LONG_QUOTED, (_whole, start: string) => `"${start}…"`);
}

/** Longest request-error message sent back; graphql-js prints unquoted values (object literals) whole too. */
const MAX_REQUEST_MESSAGE = 1_000;

/** Shortens quoted values, then cuts a message still too long in its middle: its start says what is wrong, its end often where. */
export function shortenRequestMessage(message: string): string {
  const short = shortenQuotedValues(message);
  if (short.length <= MAX_REQUEST_MESSAGE) return short;
  return `${short.slice(0, 600)} … ${short.slice(-(MAX_REQUEST_MESSAGE - 603))}`;
}

/**
 * Keeps the service's typed errors and Apollo's request errors, and hides everything else
 * behind INTERNAL (logged with the original, so nothing is lost for operators).
 */
export function makeFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const input = inputValueError(error);
    if (input) return { message: shortenRequestMessage(input.message), extensions: input.extensions };
    const original = unwrapResolverError(error);
    if (original instanceof LineageError) {
      // `http` only tells Apollo the status code; clients get the code and the problems.
      const { http: _status, ...extensions } = original.extensions;
      return { message: original.message, path: formatted.path, extensions };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { ...formatted, message: shortenRequestMessage(formatted.message), extensions: { code } };
    }
    logger.error({ err: original }, 'unexpected error in GraphQL request');
    return { message: 'Internal error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL } };
  };
}
