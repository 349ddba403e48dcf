import { Arg, Args, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditPredictionList, auditSearchAll } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import { seesRestricted } from '../classification/masking';
import type { RequestContext } from '../graphql/context';
import { provenanceLoaders } from './search.loaders';
import {
  DatasetRef,
  FeatureConnection,
  FeatureHit,
  ModelVersionConnection,
  ModelVersionSummary,
  PredictionHit,
  SearchFeaturesArgs,
  SearchModelsArgs,
  SearchResults,
} from './search.types';
import { COST } from '../graphql/cost';

@Resolver()
export class SearchResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'model versions (prediction counts only)')
  @Query(() => ModelVersionConnection, {
    complexity: COST.searchModels,
    description:
      'Reuse search: model versions by algorithm, framework, training data (dataset, version, feature), metric thresholds, status, approval for an ION and text; newest first.',
  })
  async searchModels(@Args(() => SearchModelsArgs) args: SearchModelsArgs, @Ctx() ctx: RequestContext): Promise<ModelVersionConnection> {
    return ctx.services.search.searchModels(args.filter, args.first, args.after, provenanceLoaders(ctx));
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'features and datasets')
  @Query(() => FeatureConnection, {
    complexity: COST.searchFeatures,
    description: 'Features by text, source dataset and classification, with the datasets they derive from and how many model versions use them.',
  })
  async searchFeatures(@Args(() => SearchFeaturesArgs) args: SearchFeaturesArgs, @Ctx() ctx: RequestContext): Promise<FeatureConnection> {
    return ctx.services.search.searchFeatures(args.filter, args.first, args.after);
  }

  @Authorized(Permission.READ_LINEAGE)
  @Audited(auditSearchAll)
  @Query(() => SearchResults, {
    complexity: COST.searchAll,
    description: 'The search box: fulltext hits grouped by kind, plus exact id, request id and subject key hits.',
  })
  async searchAll(
    @Arg('text', () => String) text: string,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<SearchResults> {
    // A clear subject key matches nothing for an uncleared caller: search must be no oracle.
    return ctx.services.search.searchAll(text, first, { subjectKeys: seesRestricted(ctx.principal) });
  }
}

@Resolver()
export class RecentPredictionsResolver {
  @Authorized(Permission.EXPLAIN_PREDICTIONS)
  @Audited(auditPredictionList)
  @Query(() => [PredictionHit], {
    description:
      'The newest primary predictions, newest first (at most 20): where an investigator can start. Subject keys are masked for callers without clearance.',
  })
  async recentPredictions(@Arg('first', () => Int, { defaultValue: 5 }) first: number, @Ctx() ctx: RequestContext): Promise<PredictionHit[]> {
    return ctx.services.search.recentPredictions(first);
  }
}

@Resolver(() => FeatureHit)
export class FeatureHitResolver {
  @FieldResolver(() => [DatasetRef], { description: 'Datasets the feature is derived from.' })
  async datasets(@Root() feature: FeatureHit, @Ctx() ctx: RequestContext): Promise<DatasetRef[]> {
    return (await provenanceLoaders(ctx).featureUsage.load(feature.id))?.datasets ?? [];
  }

  @FieldResolver(() => Int, { description: 'Model versions produced by training runs that used the feature.' })
  async modelVersionCount(@Root() feature: FeatureHit, @Ctx() ctx: RequestContext): Promise<number> {
    return (await provenanceLoaders(ctx).featureUsage.load(feature.id))?.modelVersionCount ?? 0;
  }
}

@Resolver(() => ModelVersionSummary)
export class ModelVersionSummaryResolver {
  @FieldResolver(() => Int, { description: 'Predictions that recorded this version (a degree count).' })
  async predictionCount(@Root() version: ModelVersionSummary, @Ctx() ctx: RequestContext): Promise<number> {
    return provenanceLoaders(ctx).predictionCount.load(version.id);
  }
}

export const searchResolvers = [SearchResolver, RecentPredictionsResolver, FeatureHitResolver, ModelVersionSummaryResolver] as const;
