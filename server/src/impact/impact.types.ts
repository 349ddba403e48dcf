import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { DeploymentRoleEnum, PipelineRoleEnum } from '../graphql/enums';
import { DateTimeScalar } from '../graphql/scalars';
import { ModelVersionRef, RunRef } from '../graphql/refs.types';
import { PageInfo } from '../search/search.types';
import { Restricted, RestrictedKind } from '../classification/restricted.decorators';

export const ImpactRootKindEnum = { DATASET: 'DATASET', DATASET_VERSION: 'DATASET_VERSION', FEATURE: 'FEATURE', COLUMN: 'COLUMN' } as const;
export type ImpactRootKind = keyof typeof ImpactRootKindEnum;
registerEnumType(ImpactRootKindEnum, { name: 'ImpactRootKind', description: 'What an impact analysis starts from.' });

export const AffectedViaEnum = { TRAINED: 'TRAINED', ENSEMBLE: 'ENSEMBLE' } as const;
export type AffectedVia = keyof typeof AffectedViaEnum;
registerEnumType(AffectedViaEnum, {
  name: 'AffectedVia',
  description: 'TRAINED: produced by an affected run; ENSEMBLE: contains an affected version (up to 3 levels).',
});

@ObjectType({ description: 'A run downstream of the root.' })
export class AffectedRun extends RunRef {
  @Field(() => ID, { nullable: true }) pipelineNodeId!: string | null;
  @Field(() => [String], { description: 'READ (read the data) and/or USED_FEATURE.' }) via!: string[];
}

@ObjectType({ description: 'A model version downstream of the root.' })
export class AffectedModelVersion extends ModelVersionRef {
  @Field(() => AffectedViaEnum) via!: AffectedVia;
  @Field(() => Int, { description: 'Predictions that recorded this version (degree count).' }) predictionCount!: number;
}

@ObjectType({ description: 'A deployment of an affected model version.' })
export class AffectedDeployment {
  @Field(() => ID) id!: string;
  @Field(() => DeploymentRoleEnum) role!: C.DeploymentRole;
  @Field(() => DateTimeScalar) from!: string;
  @Field(() => DateTimeScalar, { nullable: true }) to!: string | null;
  @Field(() => ID) modelVersionId!: string;
  @Field(() => ID) pipelineNodeId!: string;
}

@ObjectType({ description: 'An ION pipeline node touched by the impact: it trained or serves an affected model.' })
export class AffectedPipelineNode {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => PipelineRoleEnum) role!: C.PipelineRole;
  @Field(() => ID, { nullable: true }) ionId!: string | null;
  @Field(() => Boolean, { description: 'An affected run ran on it.' }) trains!: boolean;
  @Field(() => Boolean, { description: 'An affected version was deployed to it.' }) serves!: boolean;
}

@ObjectType({ description: 'An ION touched by the impact.' })
export class AffectedIon {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType({ description: 'A prediction that used an affected model version.' })
export class AffectedPrediction {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Restricted(RestrictedKind.SUBJECT_KEY)
  @Field(() => String)
  subjectKey!: string;
}

@ObjectType()
export class AffectedPredictionEdge {
  @Field(() => String) cursor!: string;
  @Field(() => AffectedPrediction) node!: AffectedPrediction;
}

@ObjectType({ description: 'A page of affected predictions, newest first.' })
export class AffectedPredictionConnection {
  @Field(() => [AffectedPredictionEdge]) edges!: AffectedPredictionEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType({ description: 'Everything downstream of a dataset version, dataset, feature or column.' })
export class ImpactView {
  @Field(() => ID) rootId!: string;
  @Field(() => ImpactRootKindEnum) rootKind!: ImpactRootKind;
  @Field(() => String, { nullable: true }) rootName!: string | null;
  @Field(() => Int) runCount!: number;
  @Field(() => [AffectedRun], { description: 'At most `listCap` runs, oldest first.' }) runs!: AffectedRun[];
  @Field(() => Int) modelVersionCount!: number;
  @Field(() => [AffectedModelVersion]) modelVersions!: AffectedModelVersion[];
  @Field(() => [AffectedDeployment]) deployments!: AffectedDeployment[];
  @Field(() => [AffectedPipelineNode]) pipelineNodes!: AffectedPipelineNode[];
  @Field(() => [AffectedIon]) ions!: AffectedIon[];
  @Field(() => Int, {
    description:
      'Predictions that used an affected version: the sum of USED degrees of the affected versions (a prediction recording two affected versions counts twice).',
  })
  predictionCount!: number;
  @Field(() => Boolean, { description: 'True when a list hit `listCap` (narrow the root).' }) truncated!: boolean;
  @Field(() => Int) listCap!: number;
  @Field(() => AffectedPredictionConnection, { description: 'One page of the affected predictions, newest first; `after` pages on.' })
  predictions!: AffectedPredictionConnection;
}
