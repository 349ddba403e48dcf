import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import type { RequestContext } from '../graphql/context';
import { DateTimeScalar } from '../graphql/scalars';
import { Permission } from './permissions';
import { Role } from './roles';
import { ApiToken, CreatedApiToken } from './token.types';

/** Token management for admins; the service owns validation and hashing. */
@Resolver()
export class ApiTokenResolver {
  @Authorized(Permission.MANAGE_TOKENS)
  @Audited(false, 'API tokens without secrets')
  @Query(() => [ApiToken], { description: 'API tokens, newest first (at most 1,000), without their secrets.' })
  async apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return ctx.services.tokens.list();
  }

  @Authorized(Permission.MANAGE_TOKENS)
  @Mutation(() => CreatedApiToken, { description: 'Creates an API token for a pipeline, agent or person; the secret is returned this once.' })
  async createApiToken(
    @Arg('name', () => String) name: string,
    @Arg('roles', () => [Role]) roles: Role[],
    @Arg('expiresAt', () => DateTimeScalar, { nullable: true }) expiresAt: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CreatedApiToken> {
    const created = await ctx.services.tokens.create({ name, roles, expiresAt, createdBy: ctx.principal.id });
    return { token: created.token, secret: created.plaintext };
  }

  @Authorized(Permission.MANAGE_TOKENS)
  @Mutation(() => ApiToken, { description: 'Revokes an API token at once (idempotent). NOT_FOUND for an unknown id.' })
  async revokeApiToken(@Arg('id', () => String) id: string, @Ctx() ctx: RequestContext): Promise<ApiToken> {
    return ctx.services.tokens.revoke(id, ctx.principal.id);
  }
}
