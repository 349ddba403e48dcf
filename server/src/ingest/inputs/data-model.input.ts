import { Field, Float, InputType, Int } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { ClassificationEnum, ModelFormatEnum, ModelStatusEnum } from '../../graphql/enums';
import { DateTimeScalar, JSONObjectScalar } from '../../graphql/scalars';
import { TAGS_DESCRIPTION, TagInput } from './tag.input';

@InputType()
export class DatasetInput implements C.DatasetInput {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) uri?: string;
  @Field(() => ClassificationEnum) classification!: C.Classification;
  @Field(() => String, { nullable: true }) owner?: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => JSONObjectScalar, { nullable: true }) schema?: C.JsonObject;
  @Field(() => [TagInput], { nullable: true, description: TAGS_DESCRIPTION }) tags?: TagInput[];
}

@InputType()
export class DatasetVersionInput implements C.DatasetVersionInput {
  @Field(() => String) id!: string;
  @Field(() => String) datasetId!: string;
  @Field(() => String) version!: string;
  @Field(() => String, { description: 'Content digest, e.g. sha256 of the data.' }) digest!: string;
  @Field(() => Int, { nullable: true }) rowCount?: number;
  @Field(() => DateTimeScalar, { nullable: true }) createdAt?: string;
  @Field(() => JSONObjectScalar, { nullable: true }) schema?: C.JsonObject;
  @Field(() => [TagInput], { nullable: true, description: TAGS_DESCRIPTION }) tags?: TagInput[];
}

@InputType()
export class FeatureInput implements C.FeatureInput {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) dtype!: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => ClassificationEnum) classification!: C.Classification;
  @Field(() => String, { nullable: true }) transform?: string;
  @Field(() => [String]) derivedFromDatasetIds!: string[];
  @Field(() => [TagInput], { nullable: true, description: TAGS_DESCRIPTION }) tags?: TagInput[];
}

@InputType()
export class ModelInput implements C.ModelInput {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => [TagInput], { nullable: true, description: TAGS_DESCRIPTION }) tags?: TagInput[];
}

@InputType()
export class EnsembleMemberInput implements C.EnsembleMemberInput {
  @Field(() => String) modelVersionId!: string;
  @Field(() => Float) weight!: number;
}

@InputType()
export class ModelVersionInput implements C.ModelVersionInput {
  @Field(() => String) id!: string;
  @Field(() => String) modelId!: string;
  @Field(() => String) version!: string;
  @Field(() => String) algorithm!: string;
  @Field(() => String, { nullable: true }) framework?: string;
  @Field(() => ModelFormatEnum) format!: C.ModelFormat;
  @Field(() => String, { nullable: true }) artifactUri?: string;
  @Field(() => String, { nullable: true }) digest?: string;
  @Field(() => JSONObjectScalar, { nullable: true }) hyperparameters?: C.JsonObject;
  @Field(() => JSONObjectScalar, { nullable: true }) metrics?: C.JsonObject;
  @Field(() => JSONObjectScalar, { nullable: true }) inputSchema?: C.JsonObject;
  @Field(() => JSONObjectScalar, { nullable: true }) outputSchema?: C.JsonObject;
  @Field(() => ModelStatusEnum) status!: C.ModelStatus;
  @Field(() => String, { nullable: true }) producedByRunId?: string;
  @Field(() => String, { nullable: true }) uploadedById?: string;
  @Field(() => DateTimeScalar, { nullable: true }) createdAt?: string;
  @Field(() => [EnsembleMemberInput], { nullable: true }) members?: EnsembleMemberInput[];
  @Field(() => [TagInput], { nullable: true, description: TAGS_DESCRIPTION }) tags?: TagInput[];
}
