import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditWhy } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import { RestrictedLookup } from '../classification/restricted.decorators';
import { seesRestricted } from '../classification/masking';
import type { RequestContext } from '../graphql/context';
import { WhyAnswer, WhyArgs } from './why.types';
import { COST } from '../graphql/cost';

/** Thin: the why service owns lookup rules and the shaping of the answer. */
@Resolver()
export class WhyResolver {
  @Authorized(Permission.EXPLAIN_PREDICTIONS)
  @RestrictedLookup('subjectKey')
  @Audited(auditWhy)
  @Query(() => WhyAnswer, {
    complexity: COST.why,
    description:
      'Why a prediction came out as it did: by predictionId, or the newest prediction of subjectKey at or before `at` (optionally with that output). Models, members, training, data, approvals, deployment, control, events, reproducibility and the subgraph, in one round trip.',
  })
  async why(@Args(() => WhyArgs) args: WhyArgs, @Ctx() ctx: RequestContext): Promise<WhyAnswer> {
    const answer = await ctx.services.why.why(args);
    // Masking is the schema's (@Restricted fields); this only spares it a classification walk.
    if (!seesRestricted(ctx.principal)) ctx.services.restricted.hintWhyLevel(ctx, answer);
    return answer;
  }
}
