import type { AuthCheckerFn } from 'type-graphql';
import { ErrorCode, LineageError } from '../errors';
import type { RequestContext } from '../graphql/context';
import { requirePermission } from './authenticate';
import type { Permission } from './permissions';

/**
 * type-graphql's check for `@Authorized(Permission.X)`: every listed permission is needed.
 * It throws rather than returning false, so the client gets FORBIDDEN naming the permission
 * (type-graphql's own error would say neither).
 */
export const authChecker: AuthCheckerFn<RequestContext, Permission> = ({ context, info }, permissions) => {
  const principal = context.principal;
  // The HTTP layer refuses unauthenticated requests before GraphQL runs; this is the backstop.
  if (!principal) throw new LineageError(ErrorCode.UNAUTHENTICATED, 'Authentication required', [], 401);
  for (const permission of permissions) {
    try {
      requirePermission(principal, permission);
    } catch (error) {
      // Refusals go into the access audit, aggregated per caller, field and window.
      const root = info.parentType.name === 'Query' || info.parentType.name === 'Mutation';
      context.services.audit.refused(context, 'FORBIDDEN', root ? info.fieldName : `${info.parentType.name}.${info.fieldName}`);
      // Inside an operation the HTTP status stays 200, as for every field error.
      throw new LineageError(ErrorCode.FORBIDDEN, (error as Error).message);
    }
  }
  return true;
};
