import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditImpact } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { ImpactView } from './impact.types';
import { COST } from '../graphql/cost';

@Resolver()
export class ImpactResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Audited(auditImpact)
  @Query(() => ImpactView, {
    complexity: COST.impact,
    description:
      'Everything downstream of a dataset version, dataset, feature or column (a column reaches the features computed from it): runs, model versions (and ensembles containing them), deployments, pipeline nodes, IONs, and the affected predictions (count, and pages of ids). NOT_FOUND for other ids.',
  })
  async impact(
    @Arg('nodeId', () => String) nodeId: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Affected predictions per page (at most 1000).' }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ImpactView> {
    return ctx.services.impact.impact(nodeId, first, after);
  }
}
