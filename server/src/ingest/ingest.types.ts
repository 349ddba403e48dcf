import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { DatasetInput, DatasetVersionInput, FeatureInput, ModelInput, ModelVersionInput } from './inputs/data-model.input';
import { ApprovalInput, DeploymentInput, PredictionInput } from './inputs/governance.input';
import { EventInput, IonInput, IonInstanceInput, ModelLoadInput, PrincipalInput, RunInput, StageInput } from './inputs/ion-run.input';

@ObjectType({ description: 'How many items were new and how many were exact replays of stored ones.' })
export class IngestResult implements C.IngestResult {
  @Field(() => Int) created!: number;
  @Field(() => Int) unchanged!: number;
}

@InputType({ description: 'One delivery of any parts, written in one transaction in dependency order.' })
export class IngestBundleInput implements C.IngestBundle {
  @Field(() => [PrincipalInput], { nullable: true }) principals?: PrincipalInput[];
  @Field(() => [IonInput], { nullable: true }) ions?: IonInput[];
  @Field(() => [IonInstanceInput], { nullable: true }) ionInstances?: IonInstanceInput[];
  @Field(() => [DatasetInput], { nullable: true }) datasets?: DatasetInput[];
  @Field(() => [DatasetVersionInput], { nullable: true }) datasetVersions?: DatasetVersionInput[];
  @Field(() => [FeatureInput], { nullable: true }) features?: FeatureInput[];
  @Field(() => [ModelInput], { nullable: true }) models?: ModelInput[];
  @Field(() => [RunInput], { nullable: true }) runs?: RunInput[];
  @Field(() => [StageInput], { nullable: true }) stages?: StageInput[];
  @Field(() => [ModelVersionInput], { nullable: true }) modelVersions?: ModelVersionInput[];
  @Field(() => [ApprovalInput], { nullable: true }) approvals?: ApprovalInput[];
  @Field(() => [DeploymentInput], { nullable: true }) deployments?: DeploymentInput[];
  @Field(() => [ModelLoadInput], { nullable: true }) modelLoads?: ModelLoadInput[];
  @Field(() => [PredictionInput], { nullable: true }) predictions?: PredictionInput[];
  @Field(() => [EventInput], { nullable: true }) events?: EventInput[];
}

@ObjectType({ description: 'Per part of a bundle, what was created and what was already there.' })
export class IngestBundleResult {
  @Field(() => IngestResult, { nullable: true }) principals?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) ions?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) ionInstances?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) datasets?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) datasetVersions?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) features?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) models?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) runs?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) stages?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) modelVersions?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) approvals?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) deployments?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) modelLoads?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) predictions?: IngestResult;
  @Field(() => IngestResult, { nullable: true }) events?: IngestResult;
}

/** The GraphQL input class of each bundle part, for the per-part mutations. */
export const PART_INPUTS = {
  principals: { input: PrincipalInput, single: 'Principal', plural: 'Principals' },
  ions: { input: IonInput, single: 'Ion', plural: 'Ions' },
  ionInstances: { input: IonInstanceInput, single: 'IonInstance', plural: 'IonInstances' },
  datasets: { input: DatasetInput, single: 'Dataset', plural: 'Datasets' },
  datasetVersions: { input: DatasetVersionInput, single: 'DatasetVersion', plural: 'DatasetVersions' },
  features: { input: FeatureInput, single: 'Feature', plural: 'Features' },
  models: { input: ModelInput, single: 'Model', plural: 'Models' },
  runs: { input: RunInput, single: 'Run', plural: 'Runs' },
  stages: { input: StageInput, single: 'Stage', plural: 'Stages' },
  modelVersions: { input: ModelVersionInput, single: 'ModelVersion', plural: 'ModelVersions' },
  approvals: { input: ApprovalInput, single: 'Approval', plural: 'Approvals' },
  deployments: { input: DeploymentInput, single: 'Deployment', plural: 'Deployments' },
  modelLoads: { input: ModelLoadInput, single: 'ModelLoad', plural: 'ModelLoads' },
  predictions: { input: PredictionInput, single: 'Prediction', plural: 'Predictions' },
  events: { input: EventInput, single: 'Event', plural: 'Events' },
} as const satisfies { [K in keyof C.IngestBundle]-?: { input: new () => unknown; single: string; plural: string } };
