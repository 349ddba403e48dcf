import type { Role } from './roles';

/** The authenticated caller of one request. */
export interface Principal {
  /** Stable id: the token's principal or the JWT's `sub`. */
  id: string;
  name: string;
  roles: readonly Role[];
  /** How the caller proved who it is. */
  via: 'api-token' | 'jwt' | 'system';
  /** Set for API tokens, so an audit entry can name the token used. */
  tokenId?: string;
}

/** The service itself (demo seeding, start-up tasks): never reaches a resolver. */
export const SYSTEM_PRINCIPAL: Principal = { id: 'system:ion-lineage', name: 'ION Lineage', roles: [], via: 'system' };
