import { getMetadataStorage } from 'type-graphql';
import type { Permission } from './permissions';

/**
 * The permissions each root field (Query and Mutation) declares with `@Authorized`, read from
 * type-graphql's metadata after the schema is built. A field missing here is unprotected.
 * Tests walk this against the executable schema; the README table is the same map by permission.
 */
export function rootFieldPermissions(): { Query: Map<string, Permission[]>; Mutation: Map<string, Permission[]> } {
  const storage = getMetadataStorage();
  const read = (defs: typeof storage.queries) =>
    new Map(defs.filter((def) => def.roles !== undefined).map((def) => [def.schemaName, def.roles as Permission[]]));
  return { Query: read(storage.queries), Mutation: read(storage.mutations) };
}
