import type { ErrorRequestHandler, Response } from 'express';
import { ErrorCode, type FieldProblem, LineageError } from '../errors';
import type { Logger } from '../logger';

/**
 * The HTTP status of each public error code on REST routes: the one table every router uses.
 * An error raised with its own status (e.g. 415 for an unknown Content-Encoding) keeps it.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.LIMIT_EXCEEDED]: 413,
  [ErrorCode.GRAPH_UNAVAILABLE]: 503,
  [ErrorCode.INTERNAL]: 500,
};

/** The GraphQL-shaped body every surface answers errors with: `{ errors: [{ message, extensions }] }`. */
export interface ErrorBody {
  errors: Array<{ message: string; extensions: Record<string, unknown> }>;
}

/** The status and body for a service error; anything else is INTERNAL (500) with no detail. */
export function restError(error: unknown): { status: number; body: ErrorBody } {
  if (!(error instanceof LineageError)) return { status: 500, body: { errors: [{ message: 'Internal error', extensions: { code: ErrorCode.INTERNAL } }] } };
  const own = (error.extensions.http as { status?: number } | undefined)?.status;
  const { http: _transport, ...extensions } = error.extensions;
  return { status: own ?? HTTP_STATUS[error.code] ?? 500, body: { errors: [{ message: error.message, extensions }] } };
}

/**
 * Answers a REST request with an error. Unexpected errors are logged with the request id and
 * answered INTERNAL; a 401 also names the scheme (`WWW-Authenticate: Bearer`).
 */
export function sendRestError(res: Response, error: unknown, logger?: Logger, what = 'request failed'): void {
  if (!(error instanceof LineageError)) logger?.error({ err: error, requestId: res.locals.requestId }, what);
  const { status, body } = restError(error);
  if (status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.status(status).json(body);
}

/** A client error of this code and status (e.g. the body parser's 415), with problems naming fields. */
export function clientError(code: ErrorCode, message: string, status?: number, problems: FieldProblem[] = []): LineageError {
  return new LineageError(code, message, problems, status);
}

/**
 * Body-parser failures (bad JSON, unknown Content-Encoding, too large, a corrupt gzip stream) as
 * the client errors they are, never 500. `limit` is named in the 413 message.
 */
export function bodyParserError(error: unknown, limit: string, advice: string): LineageError | undefined {
  const type = (error as { type?: string }).type;
  const message = (error as Error).message;
  if (type === 'entity.too.large') return clientError(ErrorCode.LIMIT_EXCEEDED, `Request body exceeds ${limit} (after decompression); ${advice}`, 413);
  if (type === 'encoding.unsupported') return clientError(ErrorCode.BAD_USER_INPUT, `${message}; send identity, gzip, deflate or br`, 415);
  if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'request.size.invalid' || type === 'request.aborted') {
    return clientError(ErrorCode.BAD_USER_INPUT, `Malformed request body: ${message}`, 400, [{ path: '$', message: 'must be JSON' }]);
  }
  const status = (error as { status?: number }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) return clientError(ErrorCode.BAD_USER_INPUT, `Malformed request body: ${message}`, status);
  return undefined;
}

/** Express error middleware for body-parser failures on routes reading at most `limit`. */
export function bodyErrors(limit: string, advice: string, logger?: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const refused = bodyParserError(error, limit, advice);
    if (refused) return sendRestError(res, refused);
    sendRestError(res, error, logger, 'request body failed');
  };
}
