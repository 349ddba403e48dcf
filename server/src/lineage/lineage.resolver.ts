import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../auth/permissions';
import { principalOf } from '../classification/restricted-data.guard';
import type { RequestContext } from '../graphql/context';
import { LineageArgs, LineageGraph, LineageNeighbourPage, LineageNeighboursArgs } from './lineage.types';
import { COST } from '../graphql/cost';

/** Thin: the lineage service owns depth, direction, aggregation and paging rules. */
@Resolver()
export class LineageResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Query(() => LineageGraph, {
    complexity: COST.lineage,
    description: 'The lineage around any node: walks up to `depth` hops (capped at 10) toward causes (UPSTREAM), effects (DOWNSTREAM) or both. Neighbour groups larger than `neighbourLimit` come back as one Aggregate node; page them with lineageNeighbours.',
  })
  async lineage(@Args(() => LineageArgs) args: LineageArgs, @Ctx() ctx: RequestContext): Promise<LineageGraph> {
    // Prediction nodes of PII/PHI lineage are masked for callers without clearance.
    return ctx.services.restricted.lineage(await ctx.services.lineage.lineage(args), principalOf(ctx));
  }

  @Authorized(Permission.READ_LINEAGE)
  @Query(() => LineageNeighbourPage, {
    complexity: COST.lineageNeighbours,
    description: "Pages through a node's neighbours through one relationship type (the members of an Aggregate), in id order.",
  })
  async lineageNeighbours(@Args(() => LineageNeighboursArgs) args: LineageNeighboursArgs, @Ctx() ctx: RequestContext): Promise<LineageNeighbourPage> {
    const page = await ctx.services.lineage.neighbours(args);
    return { ...page, nodes: await ctx.services.restricted.lineageNodes(page.nodes, principalOf(ctx)) };
  }
}
