import { Authorized, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import type { RequestContext } from '../graphql/context';
import { type Permission, PERMISSIONS, may } from './permissions';
import { Role } from './roles';

/** The caller as the server sees it: what the UI shows beside "Sign out" and uses to hide what the role may not open. */
@ObjectType({ description: 'The authenticated caller of this request.' })
export class Caller {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [Role])
  roles!: Role[];

  @Field(() => String, { description: "How the caller proved who it is: 'api-token' or 'jwt'." })
  via!: string;

  @Field(() => [String], { description: 'The permissions the roles grant (see the README table).' })
  permissions!: Permission[];
}

@Resolver()
export class CallerResolver {
  // No permission listed: any authenticated caller may ask who it is.
  @Authorized()
  @Audited(false, 'the caller itself')
  @Query(() => Caller, { description: 'Who the request is authenticated as, with its roles and permissions.' })
  me(@Ctx() ctx: RequestContext): Caller {
    const { id, name, roles, via } = ctx.principal;
    const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => may(ctx.principal, permission));
    return { id, name, roles: [...roles], via, permissions };
  }
}
