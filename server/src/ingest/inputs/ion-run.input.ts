import { Field, Float, InputType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { PipelineRoleEnum, PrincipalKindEnum, RunStatusEnum, EventTypeEnum } from '../../graphql/enums';
import { DateTimeScalar, JSONObjectScalar } from '../../graphql/scalars';
import { TAGS_DESCRIPTION, TagInput } from './tag.input';

@InputType({ description: 'A person or service that triggers runs, uploads models or decides approvals.' })
export class PrincipalInput implements C.PrincipalInput {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => PrincipalKindEnum) kind!: C.PrincipalKind;
  @Field(() => String, { nullable: true }) email?: string;
}

@InputType({ description: 'An ION template: its JSON definition is checked against server/src/ion/ion-definition.schema.json.' })
export class IonInput implements C.IonInput {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => String, { nullable: true }) description?: string;
  @Field(() => JSONObjectScalar, { description: '{ nodes: [{id, name, role, engine?, codeRepo?}], edges: [{from, to, message}], policy? }' })
  definition!: C.IonDefinition;
  @Field(() => [TagInput], { nullable: true, description: TAGS_DESCRIPTION }) tags?: TagInput[];
}

@InputType({ description: 'One execution of an ION over time.' })
export class IonInstanceInput implements C.IonInstanceInput {
  @Field(() => String) id!: string;
  @Field(() => String) ionId!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string;
  @Field(() => RunStatusEnum) status!: C.RunStatus;
}

@InputType({ description: 'A run of a pipeline node: training, inference, control, policy, ETL or monitoring.' })
export class RunInput implements C.RunInput {
  @Field(() => String) id!: string;
  @Field(() => String) pipelineNodeId!: string;
  @Field(() => String, { nullable: true }) instanceId?: string;
  @Field(() => PipelineRoleEnum) kind!: C.PipelineRole;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt?: string;
  @Field(() => RunStatusEnum) status!: C.RunStatus;
  @Field(() => JSONObjectScalar, { nullable: true }) params?: C.JsonObject;
  @Field(() => String, { nullable: true }) codeVersion?: string;
  @Field(() => String, { nullable: true }) engine?: string;
  @Field(() => String, { nullable: true }) engineVersion?: string;
  @Field(() => String, { nullable: true }) host?: string;
  @Field(() => JSONObjectScalar, { nullable: true }) environment?: C.JsonObject;
  @Field(() => String, { nullable: true }) triggeredById?: string;
  @Field(() => String, { nullable: true, description: 'Shared by the runs of one hyperparameter search.' }) searchGroupId?: string;
  @Field(() => String, { nullable: true, description: 'Why the run uses its data (policy requires it for PHI).' }) purpose?: string;
  @Field(() => [String], { nullable: true }) readDatasetVersionIds?: string[];
  @Field(() => [String], { nullable: true }) usedFeatureIds?: string[];
  @Field(() => [TagInput], { nullable: true, description: TAGS_DESCRIPTION }) tags?: TagInput[];
}

@InputType({ description: "Level 1: one stage of a run's DAG with its statistics." })
export class StageInput implements C.StageInput {
  @Field(() => String) id!: string;
  @Field(() => String) runId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) type!: string;
  @Field(() => JSONObjectScalar, { nullable: true }) stats?: C.JsonObject;
  @Field(() => [String], { nullable: true }) feedsStageIds?: string[];
}

@InputType({ description: 'An error, warning, alert or drift signal seen during a run.' })
export class EventInput implements C.EventInput {
  @Field(() => String) id!: string;
  @Field(() => String) runId!: string;
  @Field(() => EventTypeEnum) type!: C.EventType;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String) message!: string;
  @Field(() => JSONObjectScalar, { nullable: true }) details?: C.JsonObject;
}

@InputType({ description: 'A run loaded a model version at an instant; replays are harmless.' })
export class ModelLoadInput implements C.ModelLoadInput {
  @Field(() => String) runId!: string;
  @Field(() => String) modelVersionId!: string;
  @Field(() => DateTimeScalar) at!: string;
}

@InputType()
export class AttributionInput implements C.AttributionInput {
  @Field(() => String) feature!: string;
  @Field(() => Float) contribution!: number;
}
