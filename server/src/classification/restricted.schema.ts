import { defaultFieldResolver, type GraphQLField, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import type { RequestContext } from '../graphql/context';
import { isRestricted } from './classification.levels';
import { seesRestricted } from './masking';
import { ErrorCode, LineageError } from '../errors';
import { Permission } from '../auth/permissions';
import { RESTRICTED_EXTENSION, RESTRICTED_LOOKUP_EXTENSION, type RestrictedDeclaration, type UnrestrictedDeclaration } from './restricted.decorators';

/** The restricted-data declaration of a schema field, if it has one. */
export function declarationOf(field: GraphQLField<unknown, unknown>): RestrictedDeclaration | UnrestrictedDeclaration | undefined {
  return (field.extensions as Record<string, unknown> | undefined)?.[RESTRICTED_EXTENSION] as RestrictedDeclaration | UnrestrictedDeclaration | undefined;
}

/**
 * Applies the one restricted-data policy to every field declared `@Restricted` in the built
 * schema, whatever resolver or query reaches it: for a caller without SEE_RESTRICTED_DATA, a
 * value of a PII, PHI or unknown-level prediction (or of no known prediction: fail closed) is
 * replaced by what its kind's rule says. Cleared callers pay one permission check per field.
 */
export function applyRestrictedDataPolicy(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const lookups = (field.extensions as Record<string, unknown> | undefined)?.[RESTRICTED_LOOKUP_EXTENSION] as string[] | undefined;
      if (lookups?.length) field.resolve = refusingLookups(field.resolve ?? defaultFieldResolver, lookups);
      const declaration = declarationOf(field);
      if (!declaration || declaration.kind === 'NONE') continue;
      field.resolve = restricting(field.resolve ?? defaultFieldResolver, declaration);
    }
  }
  return schema;
}

function restricting(
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
  declaration: RestrictedDeclaration,
): GraphQLFieldResolver<unknown, RequestContext> {
  return (source, args, ctx, info) => {
    const value: unknown = resolve(source, args, ctx, info);
    if (seesRestricted(ctx.principal)) return value;
    const subject = declaration.subjectOf(source as never);
    if (!subject) return value;
    return (async () => {
      const resolved = await value;
      const restricted = subject.predictionId === null || isRestricted(await ctx.services.restricted.predictionLevel(ctx, subject.predictionId));
      return restricted ? ctx.services.restricted.policy.apply(declaration.kind, resolved, subject) : resolved;
    })();
  };
}

/** Refuses a lookup by subject data (see `@RestrictedLookup`) before the resolver runs. */
function refusingLookups(
  resolve: GraphQLFieldResolver<unknown, RequestContext>,
  argumentNames: readonly string[],
): GraphQLFieldResolver<unknown, RequestContext> {
  return (source, args: Record<string, unknown>, ctx, info) => {
    const used = argumentNames.find((name) => args[name] !== undefined && args[name] !== null && args[name] !== '');
    if (used && !seesRestricted(ctx.principal)) {
      throw new LineageError(
        ErrorCode.FORBIDDEN,
        `Looking predictions up by ${used} needs the ${Permission.SEE_RESTRICTED_DATA} permission (roles INVESTIGATOR, AUDITOR); ask by prediction id instead.`,
      );
    }
    return resolve(source, args, ctx, info);
  };
}
