import { Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditReplay, auditReplayJob } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import { seesRestricted } from '../classification/masking';
import type { RequestContext } from '../graphql/context';
import { COST } from '../graphql/cost';
import { WhyAnswer } from '../why/why.types';
import { ErrorCode, LineageError } from '../errors';
import { ReplayJob, ReplayJobArgs, StartReplayJobArgs } from './replay-job.types';
import { ReplayAnswer, ReplayArgs, ReplaySummary } from './replay.types';

/** Thin: the replay service owns loading, running, comparing and recording. */
@Resolver()
export class ReplayResolver {
  @Authorized(Permission.EXPLAIN_PREDICTIONS)
  @Audited(auditReplay)
  @Query(() => ReplayAnswer, {
    complexity: COST.replay,
    description:
      'Re-runs a recorded prediction with the exact model artifacts it used (digests verified; ensembles through their members and recorded weights) and compares with what was recorded; with `withModelVersion`, also runs the same inputs through that version (what-if). The outcome is recorded on the prediction.',
  })
  replay(@Args(() => ReplayArgs) args: ReplayArgs, @Ctx() ctx: RequestContext): Promise<ReplayAnswer> {
    return ctx.services.replay.replay(args.predictionId, { name: ctx.principal.name, cleared: seesRestricted(ctx.principal) }, args.withModelVersion);
  }
}

/**
 * Batch replay: start a job, then poll it. Both need clearance, declared beside the permission
 * (the service refuses uncleared callers too, as a second line).
 */
@Resolver()
export class ReplayJobResolver {
  @Authorized(Permission.EXPLAIN_PREDICTIONS, Permission.SEE_RESTRICTED_DATA)
  @Mutation(() => ReplayJob, { description: 'Replays every prediction of a run, or of a time window, as a job; poll it with replayJob(id).' })
  startReplayJob(@Args(() => StartReplayJobArgs) args: StartReplayJobArgs, @Ctx() ctx: RequestContext): Promise<ReplayJob> {
    return ctx.services.replayJobs.start(args, { name: ctx.principal.name, cleared: seesRestricted(ctx.principal) });
  }

  @Authorized(Permission.EXPLAIN_PREDICTIONS, Permission.SEE_RESTRICTED_DATA)
  @Audited(auditReplayJob)
  @Query(() => ReplayJob, { complexity: COST.replayJob, description: 'A batch replay job: progress, counts by verdict, the differing predictions.' })
  async replayJob(@Args(() => ReplayJobArgs) args: ReplayJobArgs, @Ctx() ctx: RequestContext): Promise<ReplayJob> {
    if (!seesRestricted(ctx.principal))
      throw new LineageError(ErrorCode.FORBIDDEN, 'A batch replay’s results come from restricted inputs: they need SEE_RESTRICTED_DATA');
    const job = await ctx.services.replayJobs.get(args.id);
    if (!job) throw new LineageError(ErrorCode.NOT_FOUND, `No replay job ${args.id}`);
    return job;
  }
}

/** `why { replay }`: the latest recorded replay of the prediction, if any. */
@Resolver(() => WhyAnswer)
export class WhyReplayResolver {
  @FieldResolver(() => ReplaySummary, { nullable: true, description: 'The latest recorded replay of this prediction (null: never replayed).' })
  async replay(@Root() answer: WhyAnswer, @Ctx() ctx: RequestContext): Promise<ReplaySummary | null> {
    const latest = await ctx.services.replay.latest([answer.prediction.id]);
    return latest.get(answer.prediction.id) ?? null;
  }
}
