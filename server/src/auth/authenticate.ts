import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ErrorCode, LineageError } from '../errors';
import { sendRestError } from '../http/rest-errors';
import { looksLikeApiToken } from './api-token-format';
import type { JwtConfig } from './jwt';
import { JwtVerificationCache } from './jwt-cache';
import { may, type Permission } from './permissions';
import type { Principal } from './principal';
import type { ApiTokenService } from './token.service';

/** Checks a request's credentials: API tokens against the graph, JWTs against the configured secret. */
export class Authenticator {
  private readonly jwt: JwtVerificationCache;

  constructor(
    jwt: JwtConfig,
    private readonly tokens: ApiTokenService,
  ) {
    this.jwt = new JwtVerificationCache(jwt);
  }

  /** The principal for an `Authorization` header value; UNAUTHENTICATED (HTTP 401) otherwise. */
  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) {
      throw new LineageError(
        ErrorCode.UNAUTHENTICATED,
        authorization ? "Authorization must be 'Bearer <token>'" : 'Authentication required: send Authorization: Bearer <token>',
        [],
        401,
      );
    }
    const credential = match[1]!;
    return looksLikeApiToken(credential) ? this.tokens.authenticate(credential) : this.jwt.principal(credential);
  }
}

const AUTHENTICATOR = 'ionAuthenticator';
const REFUSALS = 'ionRefusalRecorder';

/** Told of every request refused by `authorize` (recorded, aggregated, in the access audit). */
export type RefusalRecorder = (
  source: { principal?: Principal; clientIp: string | null; userAgent: string | null; requestId: string | null },
  code: 'FORBIDDEN' | 'UNAUTHENTICATED',
  operation: string,
) => void;
const PRINCIPAL = Symbol('principal');
type AuthenticatedRequest = Request & { [PRINCIPAL]?: Promise<Principal> };

/** Makes the authenticator reachable from any route of the app (`authenticateRequest`). */
export function installAuthenticator(app: { locals: Record<string, unknown> }, authenticator: Authenticator, onRefused?: RefusalRecorder): void {
  app.locals[AUTHENTICATOR] = authenticator;
  if (onRefused) app.locals[REFUSALS] = onRefused;
}

/**
 * The caller of a REST request (checked once per request; later calls reuse the answer).
 * Throws LineageError UNAUTHENTICATED (HTTP 401) without valid credentials.
 */
export function authenticateRequest(req: Request): Promise<Principal> {
  const request = req as AuthenticatedRequest;
  if (!request[PRINCIPAL]) {
    const authenticator = req.app.locals[AUTHENTICATOR] as Authenticator | undefined;
    if (!authenticator) throw new Error('No authenticator installed on this app');
    request[PRINCIPAL] = authenticator.authenticate(req.header('authorization'));
  }
  return request[PRINCIPAL];
}

/** Throws LineageError FORBIDDEN (HTTP 403), naming the permission, unless the principal holds it. */
export function requirePermission(principal: Principal, permission: Permission): void {
  if (!may(principal, permission)) {
    throw new LineageError(
      ErrorCode.FORBIDDEN,
      `Forbidden: this operation needs the ${permission} permission, which roles [${principal.roles.join(', ')}] do not grant`,
      [],
      403,
    );
  }
}

/**
 * Express middleware for REST routes: authenticates, checks `permission` and leaves the
 * principal on `res.locals.principal`; answers 401/403 with a GraphQL-shaped error otherwise.
 */
export function authorize(permission?: Permission): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let caller: Principal | undefined;
    authenticateRequest(req)
      .then((principal) => {
        caller = principal;
        if (permission) requirePermission(principal, permission);
        res.locals.principal = principal;
        next();
      })
      .catch((error: unknown) => {
        if (!(error instanceof LineageError)) return next(error);
        if (error.code === ErrorCode.UNAUTHENTICATED || error.code === ErrorCode.FORBIDDEN) {
          // The route's mount path, not the full URL: ids in paths must not multiply the keys.
          const refused = req.app.locals[REFUSALS] as RefusalRecorder | undefined;
          refused?.(
            {
              principal: caller,
              clientIp: req.ip ?? null,
              userAgent: req.header('user-agent') ?? null,
              requestId: res.locals.requestId ? String(res.locals.requestId) : null,
            },
            error.code,
            `${req.method} ${req.baseUrl || req.path}`,
          );
        }
        sendRestError(res, error);
      });
  };
}
