import { Field, ID, ObjectType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { ClassificationEnum, ModelStatusEnum, PipelineRoleEnum, PrincipalKindEnum, RunStatusEnum } from './enums';
import { DateTimeScalar } from './scalars';

/**
 * Read-side references: how one view names a principal, run, model version or dataset version
 * it points to. Each shape is declared once here; views use `PrincipalRef` and
 * `DatasetVersionRef` as they are and extend the abstract `RunRef` and `ModelVersionRef` with
 * what they add (a timeline run its search group, an affected run its path), so a field of the
 * reference changes in one place and means the same in every view.
 */

@ObjectType({ description: 'A person or service, as referenced from another item.' })
export class PrincipalRef {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => PrincipalKindEnum) kind!: C.PrincipalKind;
}

@ObjectType({ description: 'A dataset version, with the dataset it belongs to.' })
export class DatasetVersionRef {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) version!: string | null;
  @Field(() => ID) datasetId!: string;
  @Field(() => String) datasetName!: string;
  @Field(() => ClassificationEnum) classification!: C.Classification;
}

/** The fields every view of a run starts with. */
@ObjectType()
export abstract class RunRef {
  @Field(() => ID) id!: string;
  @Field(() => PipelineRoleEnum) kind!: C.PipelineRole;
  @Field(() => RunStatusEnum) status!: C.RunStatus;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: string | null;
}

/** The fields every view of a model version starts with. */
@ObjectType()
export abstract class ModelVersionRef {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: "The model's name and the version, e.g. 'fraud-scorer 1.2.0'." }) name!: string;
  @Field(() => ModelStatusEnum) status!: C.ModelStatus;
  @Field(() => DateTimeScalar) createdAt!: string;
}
