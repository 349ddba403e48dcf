import type { Principal } from './principal';
import { Role } from './roles';

/**
 * What a caller may do, by role: the one table the API enforces (resolvers carry
 * `@Authorized(Permission.X)`, REST endpoints call `requirePermission`) and the README shows.
 */
export enum Permission {
  /** Write lineage: every ingest mutation and the OpenLineage endpoints. */
  INGEST = 'INGEST',
  /** Explain one prediction (why), list a subject's predictions. */
  EXPLAIN_PREDICTIONS = 'EXPLAIN_PREDICTIONS',
  /** Lineage explorer, search for models/features/datasets, governance pages, ION views, impact. */
  READ_LINEAGE = 'READ_LINEAGE',
  /** Export signed subgraphs. */
  EXPORT = 'EXPORT',
  /** Compliance report, access log, audit log verification. */
  AUDIT = 'AUDIT',
  /** Create, list and revoke API tokens. */
  MANAGE_TOKENS = 'MANAGE_TOKENS',
  /** Create, change, delete and inspect webhook subscriptions, their deliveries and log. */
  MANAGE_WEBHOOKS = 'MANAGE_WEBHOOKS',
  /** See subject keys and input values of PII/PHI predictions in clear (others see a stable mask). */
  SEE_RESTRICTED_DATA = 'SEE_RESTRICTED_DATA',
}

export const PERMISSIONS: Record<Permission, readonly Role[]> = {
  [Permission.INGEST]: [Role.ADMIN, Role.INGEST],
  [Permission.EXPLAIN_PREDICTIONS]: [Role.ADMIN, Role.INVESTIGATOR, Role.AUDITOR],
  [Permission.READ_LINEAGE]: [Role.ADMIN, Role.INVESTIGATOR, Role.SCIENTIST, Role.AUDITOR],
  [Permission.EXPORT]: [Role.ADMIN, Role.INVESTIGATOR, Role.AUDITOR],
  [Permission.AUDIT]: [Role.ADMIN, Role.AUDITOR],
  [Permission.MANAGE_TOKENS]: [Role.ADMIN],
  [Permission.MANAGE_WEBHOOKS]: [Role.ADMIN],
  [Permission.SEE_RESTRICTED_DATA]: [Role.INVESTIGATOR, Role.AUDITOR],
};

export function may(principal: Pick<Principal, 'roles'> | undefined, permission: Permission): boolean {
  if (!principal) return false;
  return principal.roles.some((role) => PERMISSIONS[permission].includes(role));
}
