import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../auth/permissions';
import { principalOf } from '../classification/restricted-data.guard';
import type { RequestContext } from '../graphql/context';
import { WhyAnswer, WhyArgs } from './why.types';
import { COST } from '../graphql/cost';

/** Thin: the why service owns lookup rules and the shaping of the answer. */
@Resolver()
export class WhyResolver {
  @Authorized(Permission.EXPLAIN_PREDICTIONS)
  @Query(() => WhyAnswer, {
    complexity: COST.why,
    description:
      'Why a prediction came out as it did: by predictionId, or the newest prediction of subjectKey at or before `at` (optionally with that output). Models, members, training, data, approvals, deployment, control, events, reproducibility and the subgraph, in one round trip.',
  })
  async why(@Args(() => WhyArgs) args: WhyArgs, @Ctx() ctx: RequestContext): Promise<WhyAnswer> {
    // Subject key and inputs of PII/PHI predictions are masked for callers without clearance.
    return ctx.services.restricted.why(await ctx.services.why.why(args), principalOf(ctx));
  }
}
