import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { InstancesArgs, IonInstanceConnection, IonTimeline, IonView, RunStagesView, TimelineArgs } from './ion-view.types';
import { COST } from '../graphql/cost';

@Resolver(() => IonView)
export class IonViewResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'ION templates and instance summaries, no predictions')
  @Query(() => IonView, { description: 'An ION template: pipeline and policy nodes, SENDS edges, policy, instances. NOT_FOUND for an unknown id.' })
  async ion(@Arg('id', () => String) id: string, @Ctx() ctx: RequestContext): Promise<IonView> {
    return ctx.services.ionView.ion(id);
  }

  @FieldResolver(() => IonInstanceConnection, { description: 'Executions of the ION, newest first.' })
  async instances(@Root() ion: IonView, @Args(() => InstancesArgs) args: InstancesArgs, @Ctx() ctx: RequestContext): Promise<IonInstanceConnection> {
    return ctx.services.ionView.instances(ion.id, ion.instanceCount, args.first, args.after);
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'runs, model versions, decisions and events per pipeline node, no predictions')
  @Query(() => IonTimeline, {
    complexity: COST.ionTimeline,
    description:
      'Per pipeline node of an ION, in time order within [from, to): runs, model versions produced, decisions and events; each list holds at most `limit` items.',
  })
  async ionTimeline(@Args(() => TimelineArgs) args: TimelineArgs, @Ctx() ctx: RequestContext): Promise<IonTimeline> {
    return ctx.services.ionView.timeline(args.ionId, args.from, args.to, args.limit);
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'a run and its stages, no predictions')
  @Query(() => RunStagesView, { description: "One run's properties and its level-1 stage DAG (stages with stats, FEEDS edges). NOT_FOUND for an unknown id." })
  async runStages(@Arg('runId', () => String) runId: string, @Ctx() ctx: RequestContext): Promise<RunStagesView> {
    return ctx.services.ionView.runStages(runId);
  }
}
