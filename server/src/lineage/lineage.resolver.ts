import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditLineage, auditLineageNeighbours } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { LineageArgs, LineageGraph, LineageNeighbourPage, LineageNeighboursArgs } from './lineage.types';
import { COST } from '../graphql/cost';

/** Thin: the lineage service owns depth, direction, aggregation and paging rules. */
@Resolver()
export class LineageResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Audited(auditLineage)
  @Query(() => LineageGraph, {
    complexity: COST.lineage,
    description:
      'The lineage around any node: walks up to `depth` hops (capped at 10) toward causes (UPSTREAM), effects (DOWNSTREAM) or both. Neighbour groups larger than `neighbourLimit` come back as one Aggregate node; page them with lineageNeighbours.',
  })
  async lineage(@Args(() => LineageArgs) args: LineageArgs, @Ctx() ctx: RequestContext): Promise<LineageGraph> {
    return ctx.services.lineage.lineage(args);
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(auditLineageNeighbours)
  @Query(() => LineageNeighbourPage, {
    complexity: COST.lineageNeighbours,
    description: "Pages through a node's neighbours through one relationship type (the members of an Aggregate), in id order.",
  })
  async lineageNeighbours(@Args(() => LineageNeighboursArgs) args: LineageNeighboursArgs, @Ctx() ctx: RequestContext): Promise<LineageNeighbourPage> {
    return ctx.services.lineage.neighbours(args);
  }
}
