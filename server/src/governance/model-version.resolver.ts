import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditModelVersion } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { ModelVersionView } from './model-version.types';
import { COST } from '../graphql/cost';

@Resolver(() => ModelVersionView)
export class ModelVersionViewResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Audited(auditModelVersion)
  @Query(() => ModelVersionView, {
    complexity: COST.modelVersion,
    description:
      'The governance view of a model version: properties, how it was made and by whom, decisions per ION, ensembles, usage periods, prediction count. NOT_FOUND for an unknown id.',
  })
  async modelVersion(@Arg('id', () => String) id: string, @Ctx() ctx: RequestContext): Promise<ModelVersionView> {
    return ctx.services.governance.modelVersion(id);
  }
}
