import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { ClassificationEnum, ModelFormatEnum, ModelStatusEnum, PipelineRoleEnum } from '../graphql/enums';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';
import { ModelVersionRef } from '../graphql/refs.types';
import type { MetricRange } from './metric-filter';
import { NotRestricted, Restricted, RestrictedKind } from '../classification/restricted.decorators';
import { TagFilterInput, TagView } from '../tags/tag.types';

@ObjectType({ description: 'Relay-style page information.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
}

@InputType({ description: 'A threshold on one training metric; bounds are inclusive. A version without the metric does not match.' })
export class MetricRangeInput implements MetricRange {
  @Field(() => String, { description: 'Metric name as recorded, e.g. "auc".' }) name!: string;
  @Field(() => Float, { nullable: true }) min?: number | null;
  @Field(() => Float, { nullable: true }) max?: number | null;
}

@InputType({ description: 'Filters of the model reuse search; all given filters must hold.' })
export class ModelSearchFilter {
  @Field(() => String, { nullable: true, description: 'Words searched in names, descriptions, algorithm and framework (fulltext).' }) text?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the algorithm.' }) algorithm?: string | null;
  @Field(() => String, { nullable: true, description: 'Case-insensitive framework name.' }) framework?: string | null;
  @Field(() => ID, { nullable: true, description: 'Produced by a training run that read any version of this dataset.' }) datasetId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Produced by a training run that read this dataset version.' }) datasetVersionId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Produced by a training run that used this feature.' }) featureId?: string | null;
  @Field(() => [MetricRangeInput], { nullable: true }) metrics?: MetricRangeInput[] | null;
  @Field(() => ModelStatusEnum, { nullable: true }) status?: C.ModelStatus | null;
  @Field(() => ID, { nullable: true, description: 'Its latest decision for this ION is an approval.' }) approvedForIonId?: string | null;
  @Field(() => [TagFilterInput], { nullable: true, description: 'Tags the version or its model carries, all of them (at most 10).' }) tags?:
    TagFilterInput[] | null;
}

@ObjectType({ description: 'The model a version belongs to.' })
export class ModelRef {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType({ description: 'A model version in search results; `modelVersion(id)` has the full governance view.' })
export class ModelVersionSummary extends ModelVersionRef {
  @Field(() => String) version!: string;
  @Field(() => ModelRef, { nullable: true }) model!: ModelRef | null;
  @Field(() => String) algorithm!: string;
  @Field(() => String, { nullable: true }) framework!: string | null;
  @Field(() => ModelFormatEnum) format!: C.ModelFormat;
  @NotRestricted('aggregate metrics over a whole evaluation set, not one subject')
  @Field(() => JSONObjectScalar, { nullable: true })
  metrics!: C.JsonObject | null;
  @Field(() => ID, { nullable: true }) trainingRunId!: string | null;
  @Field(() => [TagView], { description: 'Tags of the version and of its model.' }) tags!: TagView[];
}

@ObjectType()
export class ModelVersionEdge {
  @Field(() => String) cursor!: string;
  @Field(() => ModelVersionSummary) node!: ModelVersionSummary;
}

@ObjectType({ description: 'A page of model versions, newest first.' })
export class ModelVersionConnection {
  @Field(() => [ModelVersionEdge]) edges!: ModelVersionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Matches in all pages, counted among at most `candidateCap` candidates.' }) totalCount!: number;
  @Field(() => Boolean, { description: 'True when the candidate cap was reached: totalCount and later pages may miss older matches; narrow the filter.' })
  totalCountCapped!: boolean;
}

@InputType({ description: 'Filters of the feature search; all given filters must hold.' })
export class FeatureSearchFilter {
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => ID, { nullable: true, description: 'Derived from this dataset.' }) datasetId?: string | null;
  @Field(() => ClassificationEnum, { nullable: true }) classification?: C.Classification | null;
  @Field(() => [TagFilterInput], { nullable: true, description: 'Tags the feature carries, all of them (at most 10).' }) tags?: TagFilterInput[] | null;
}

@ObjectType({ description: 'A dataset, as referenced from another item.' })
export class DatasetRef {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ClassificationEnum) classification!: C.Classification;
}

@ObjectType({ description: 'A feature in search results; `datasets` and `modelVersionCount` are batched per request.' })
export class FeatureHit {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) dtype!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => ClassificationEnum) classification!: C.Classification;
  @Field(() => String, { nullable: true }) transform!: string | null;
  @Field(() => [TagView]) tags!: TagView[];
}

@ObjectType()
export class FeatureEdge {
  @Field(() => String) cursor!: string;
  @Field(() => FeatureHit) node!: FeatureHit;
}

@ObjectType({ description: 'A page of features, by name.' })
export class FeatureConnection {
  @Field(() => [FeatureEdge]) edges!: FeatureEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
  @Field(() => Boolean) totalCountCapped!: boolean;
}

@ObjectType({ description: 'One search-box hit.' })
export class SearchHit {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Node kind: ModelVersion, Model, Dataset, Feature, ION, PipelineNode, Principal, Prediction, …' }) kind!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Float, { nullable: true, description: 'Fulltext relevance; null for exact-id hits.' }) score!: number | null;
  @Field(() => [TagView], { description: 'The tags the node carries.' }) tags!: TagView[];
}

@ObjectType({ description: 'A prediction found by its subject key.' })
export class PredictionHit {
  @Field(() => ID) id!: string;
  @Field(() => String) requestId!: string;
  @Restricted(RestrictedKind.SUBJECT_KEY)
  @Field(() => String)
  subjectKey!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true }) output!: string | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  // The web UI labels control predictions in a subject's results.
  @Field(() => PipelineRoleEnum, { nullable: true, description: "Kind of the run that made it: CONTROL for a control pipeline's prediction." })
  role!: C.PipelineRole | null;
}

@ObjectType({ description: 'Search-box results grouped by kind; each group holds at most `first` hits.' })
export class SearchResults {
  @Field(() => [SearchHit], { description: 'Items whose id (or request id) is exactly the text.' }) exact!: SearchHit[];
  @Field(() => [PredictionHit], { description: 'Latest predictions when the text is a subject key (searched only for callers with SEE_RESTRICTED_DATA).' })
  subjectPredictions!: PredictionHit[];
  @Field(() => Boolean, { description: 'False when subject keys were not searched: the caller has no SEE_RESTRICTED_DATA, so a clear key matches nothing.' })
  subjectKeysSearched!: boolean;
  @Field(() => [SearchHit]) models!: SearchHit[];
  @Field(() => [SearchHit]) modelVersions!: SearchHit[];
  @Field(() => [SearchHit]) datasets!: SearchHit[];
  @Field(() => [SearchHit]) features!: SearchHit[];
  @Field(() => [SearchHit]) ions!: SearchHit[];
  @Field(() => [SearchHit]) pipelineNodes!: SearchHit[];
  @Field(() => [SearchHit]) principals!: SearchHit[];
  @Field(() => [SearchHit], {
    description: 'Nodes of any kind carrying a tag the text names (`key:value`, `key=value`) or whose key or value holds its words.',
  })
  tagged!: SearchHit[];
}

@ArgsType()
export class SearchModelsArgs {
  @Field(() => ModelSearchFilter, { nullable: true }) filter?: ModelSearchFilter | null;
  @Field(() => Int, { defaultValue: 20 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
export class SearchFeaturesArgs {
  @Field(() => FeatureSearchFilter, { nullable: true }) filter?: FeatureSearchFilter | null;
  @Field(() => Int, { defaultValue: 20 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}
