import { registerEnumType } from 'type-graphql';

/** Who a caller is to the service. A principal may hold several roles. */
export enum Role {
  /** Manages tokens; may do everything except read PII/PHI in clear. */
  ADMIN = 'ADMIN',
  /** Pipelines and agents: write lineage, read nothing. */
  INGEST = 'INGEST',
  /** Traces single predictions end to end, with clearance for PII/PHI. */
  INVESTIGATOR = 'INVESTIGATOR',
  /** Finds models and features to reuse; sees people's data masked. */
  SCIENTIST = 'SCIENTIST',
  /** Checks compliance, reads the audit trail, exports signed evidence; cleared for PII/PHI. */
  AUDITOR = 'AUDITOR',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

registerEnumType(Role, { name: 'Role', description: 'A role a principal holds; see the README for who may do what.' });
