import { Field, Float, InputType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { DecisionEnum, DeploymentRoleEnum } from '../../graphql/enums';
import { DateTimeScalar, JSONObjectScalar } from '../../graphql/scalars';
import { AttributionInput } from './ion-run.input';

@InputType({ description: 'A reviewer approved or rejected a model version for one ION.' })
export class ApprovalInput implements C.ApprovalInput {
  @Field(() => String) id!: string;
  @Field(() => String) modelVersionId!: string;
  @Field(() => String) ionId!: string;
  @Field(() => String) principalId!: string;
  @Field(() => DecisionEnum) decision!: C.Decision;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true }) comment?: string;
  @Field(() => String, { nullable: true }) policyRunId?: string;
}

@InputType({ description: 'A usage period: a model version serving a pipeline node in a role.' })
export class DeploymentInput implements C.DeploymentInput {
  @Field(() => String) id!: string;
  @Field(() => String) modelVersionId!: string;
  @Field(() => String) pipelineNodeId!: string;
  @Field(() => DeploymentRoleEnum) role!: C.DeploymentRole;
  @Field(() => DateTimeScalar) from!: string;
  @Field(() => DateTimeScalar, { nullable: true }) to?: string;
  @Field(() => String, { nullable: true }) approvalId?: string;
}

@InputType({ description: "One scored request. The control pipeline's prediction shares the requestId." })
export class PredictionInput implements C.PredictionInput {
  @Field(() => String) id!: string;
  @Field(() => String) runId!: string;
  @Field(() => String) requestId!: string;
  @Field(() => String) subjectKey!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => JSONObjectScalar, { nullable: true }) inputs?: C.JsonObject;
  @Field(() => String) output!: string;
  @Field(() => Float, { nullable: true }) score?: number;
  @Field(() => [AttributionInput], { nullable: true }) attributions?: AttributionInput[];
  @Field(() => [String]) modelVersionIds!: string[];
}
