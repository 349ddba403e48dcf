import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import type { AuditDescriber } from '../audit/audit.declare';
import { Permission } from '../auth/permissions';
import { seesRestricted } from '../classification/masking';
import { COST } from '../graphql/cost';
import type { RequestContext } from '../graphql/context';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';
import { WhyAnswer } from '../why/why.types';
import {
  BaselineResult,
  DriftEvaluationResult,
  DriftInForce,
  DriftPolicyInput,
  DriftPolicyView,
  DriftPredictionPage,
  DriftPredictionsArgs,
  DriftSeriesArgs,
  DriftWindowView,
} from './drift.types';

/** predictionsDuringDrift: the predictions listed, under the ION and feature asked about. */
const auditDriftPredictions: AuditDescriber = (args, result) => {
  const ids = ((result as DriftPredictionPage).items ?? []).map((p) => p.id);
  return ids.length ? { action: 'read', targetIds: [String(args.ionId), ...ids], details: { feature: args.feature, predictions: ids.length } } : undefined;
};

/** Thin: the drift service owns signatures, policies, evaluation and what each caller may see. */
@Resolver()
export class DriftResolver {
  @Authorized(Permission.INGEST)
  @Mutation(() => BaselineResult, {
    description:
      "Sets a training dataset version's baseline signatures from a sample of its rows ({feature: value}, at most 10,000); a new sample replaces the old.",
  })
  async recordBaselineSample(
    @Arg('datasetVersionId', () => String) datasetVersionId: string,
    @Arg('rows', () => [JSONObjectScalar]) rows: Array<Record<string, unknown>>,
    @Ctx() ctx: RequestContext,
  ): Promise<BaselineResult> {
    return ctx.services.drift.recordBaseline(datasetVersionId, rows);
  }

  @Authorized(Permission.INGEST)
  @Mutation(() => DriftPolicyView, { description: "Sets an ION's drift thresholds (unset ones take the defaults: PSI 0.25, 200 values, 24 h windows)." })
  async setDriftPolicy(@Arg('policy', () => DriftPolicyInput) policy: DriftPolicyInput, @Ctx() ctx: RequestContext): Promise<DriftPolicyView> {
    return ctx.services.drift.setPolicy({ ...policy });
  }

  @Authorized(Permission.INGEST)
  @Mutation(() => DriftEvaluationResult, {
    description:
      "Evaluates the ION's serving windows starting in [from, to) (default: all) against its policy; a drifted window raises one DRIFT event, never two.",
  })
  async evaluateDrift(
    @Arg('ionId', () => String) ionId: string,
    @Arg('from', () => DateTimeScalar, { nullable: true }) from: string | null,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<DriftEvaluationResult> {
    return ctx.services.drift.evaluate(ionId, from, to);
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'thresholds only')
  @Query(() => DriftPolicyView, { nullable: true, complexity: COST.driftPolicy })
  async driftPolicy(@Arg('ionId', () => String) ionId: string, @Ctx() ctx: RequestContext): Promise<DriftPolicyView | null> {
    return ctx.services.drift.policy(ionId);
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'aggregates over windows only; windows below the minimum group size are withheld from uncleared callers')
  @Query(() => [DriftWindowView], {
    complexity: COST.driftSeries,
    description: 'Drift per feature and window over time (oldest first), with the threshold, the alert and baseline-vs-window histograms.',
  })
  async driftSeries(@Args(() => DriftSeriesArgs) args: DriftSeriesArgs, @Ctx() ctx: RequestContext): Promise<DriftWindowView[]> {
    return ctx.services.drift.reads.series(args, seesRestricted(ctx.principal));
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(auditDriftPredictions)
  @Query(() => DriftPredictionPage, {
    complexity: COST.predictionsDuringDrift,
    description: 'Which predictions were made while `feature` drifted on the ION: a page, oldest first.',
  })
  async predictionsDuringDrift(@Args(() => DriftPredictionsArgs) args: DriftPredictionsArgs, @Ctx() ctx: RequestContext): Promise<DriftPredictionPage> {
    return ctx.services.drift.reads.predictionsDuring(args);
  }
}

/** `why` shows the drift in force on the serving node when the prediction was made. */
@Resolver(() => WhyAnswer)
export class WhyDriftResolver {
  @FieldResolver(() => [DriftInForce], { description: 'Drifted windows of the serving node covering the prediction time.' })
  async driftInForce(@Root() answer: WhyAnswer, @Ctx() ctx: RequestContext): Promise<DriftInForce[]> {
    const nodeId = answer.inferenceRun.pipelineNode?.id;
    return nodeId ? ctx.services.drift.reads.inForce(nodeId, answer.prediction.at) : [];
  }
}
