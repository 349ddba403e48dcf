import { ArgsType, Field, ID, Int, ObjectType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { DecisionEnum, EventTypeEnum, MessageKindEnum, PipelineRoleEnum, RunStatusEnum } from '../graphql/enums';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';
import { ModelVersionRef, PrincipalRef, RunRef } from '../graphql/refs.types';
import { PageInfo } from '../search/search.types';
import { NotRestricted } from '../classification/restricted.decorators';

@ObjectType({ description: 'A pipeline or policy node of an ION.' })
export class IonNodeView {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => PipelineRoleEnum) role!: C.PipelineRole;
  @Field(() => String, { nullable: true }) engine!: string | null;
  @Field(() => String, { nullable: true }) codeRepo!: string | null;
}

@ObjectType({ description: 'A SENDS edge of the ION template.' })
export class IonEdgeView {
  @Field(() => ID) from!: string;
  @Field(() => ID) to!: string;
  @Field(() => MessageKindEnum) message!: C.MessageKind;
}

@ObjectType({ description: 'One execution of an ION.' })
export class IonInstanceView {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: string | null;
  @Field(() => RunStatusEnum) status!: C.RunStatus;
  @Field(() => Int) runCount!: number;
}

@ObjectType()
export class IonInstanceEdge {
  @Field(() => String) cursor!: string;
  @Field(() => IonInstanceView) node!: IonInstanceView;
}

@ObjectType({ description: 'A page of ION instances, newest first.' })
export class IonInstanceConnection {
  @Field(() => [IonInstanceEdge]) edges!: IonInstanceEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType({ description: 'An ION template: its pipeline/policy graph, policy and instances.' })
export class IonView {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) version!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @NotRestricted('governance rules (metric thresholds, approvers), not subject data')
  @Field(() => JSONObjectScalar, { nullable: true, description: 'Governance rules its policy nodes enforce.' })
  policy!: C.JsonObject | null;
  @Field(() => DateTimeScalar) createdAt!: string;
  @Field(() => [IonNodeView]) nodes!: IonNodeView[];
  @Field(() => [IonEdgeView]) edges!: IonEdgeView[];
  @Field(() => Int) instanceCount!: number;
}

@ArgsType()
export class InstancesArgs {
  @Field(() => Int, { defaultValue: 20 }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
export class TimelineArgs {
  @Field(() => String) ionId!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive; open when absent.' }) from?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive; open when absent.' }) to?: string | null;
  @Field(() => Int, { defaultValue: 500, description: 'Most items per list and lane (at most 5000).' }) limit!: number;
}

@ObjectType({ description: 'A run on the timeline.' })
export class TimelineRun extends RunRef {
  @Field(() => String, { nullable: true }) searchGroupId!: string | null;
  @Field(() => ID, { nullable: true }) instanceId!: string | null;
}

@ObjectType({ description: 'A model version a training node produced (passed on along its MODEL edges).' })
export class TimelineModel extends ModelVersionRef {
  @Field(() => ID) runId!: string;
}

@ObjectType({ description: "An event seen during one of the node's runs." })
export class TimelineEvent {
  @Field(() => ID) id!: string;
  @Field(() => EventTypeEnum) type!: C.EventType;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String) message!: string;
  @Field(() => ID) runId!: string;
}

@ObjectType({ description: 'A decision recorded for the ION.' })
export class TimelineApproval {
  @Field(() => ID) id!: string;
  @Field(() => DecisionEnum) decision!: C.Decision;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => ID) modelVersionId!: string;
  @Field(() => String) modelVersionName!: string;
  @Field(() => PrincipalRef, { nullable: true }) reviewer!: PrincipalRef | null;
  @Field(() => ID, { nullable: true }) policyRunId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The policy node whose run recorded it.' }) pipelineNodeId!: string | null;
}

@ObjectType({ description: "One pipeline node's lane of the timeline, each list in time order." })
export class NodeTimeline {
  @Field(() => IonNodeView) node!: IonNodeView;
  @Field(() => [TimelineRun]) runs!: TimelineRun[];
  @Field(() => [TimelineModel]) models!: TimelineModel[];
  @Field(() => [TimelineApproval], { description: "Decisions recorded by this (policy) node's runs." }) approvals!: TimelineApproval[];
  @Field(() => [TimelineEvent]) events!: TimelineEvent[];
  @Field(() => Boolean, { description: 'True when a list of this lane was cut at `limit`.' }) truncated!: boolean;
}

@ObjectType({ description: 'What happened in an ION over a time window, per pipeline node.' })
export class IonTimeline {
  @Field(() => ID) ionId!: string;
  @Field(() => DateTimeScalar, { nullable: true }) from!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) to!: string | null;
  @Field(() => Int, { description: 'Most items per list and lane.' }) limit!: number;
  @Field(() => [NodeTimeline]) nodes!: NodeTimeline[];
  @Field(() => [TimelineApproval], { description: 'Every decision for the ION in the window, whichever node recorded it.' }) approvals!: TimelineApproval[];
  @Field(() => Boolean) truncated!: boolean;
}

@ObjectType({ description: 'A level-1 stage of a run.' })
export class StageView {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) type!: string;
  @NotRestricted('aggregate stage statistics (counts, timings, metrics) over a whole run')
  @Field(() => JSONObjectScalar, { nullable: true })
  stats!: C.JsonObject | null;
}

@ObjectType({ description: 'A FEEDS edge between two stages.' })
export class StageEdge {
  @Field(() => ID) from!: string;
  @Field(() => ID) to!: string;
}

@ObjectType({ description: 'A run with its properties and context.' })
export class RunView extends RunRef {
  @NotRestricted('training and serving parameters describe code and machines, not subjects')
  @Field(() => JSONObjectScalar, { nullable: true })
  params!: C.JsonObject | null;
  @Field(() => String, { nullable: true }) codeVersion!: string | null;
  @Field(() => String, { nullable: true }) engine!: string | null;
  @Field(() => String, { nullable: true }) engineVersion!: string | null;
  @Field(() => String, { nullable: true }) host!: string | null;
  @NotRestricted('training and serving parameters describe code and machines, not subjects')
  @Field(() => JSONObjectScalar, { nullable: true })
  environment!: C.JsonObject | null;
  @Field(() => String, { nullable: true }) searchGroupId!: string | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => IonNodeView, { nullable: true }) pipelineNode!: IonNodeView | null;
  @Field(() => ID, { nullable: true }) ionId!: string | null;
  @Field(() => String, { nullable: true }) ionName!: string | null;
  @Field(() => ID, { nullable: true }) instanceId!: string | null;
  @Field(() => PrincipalRef, { nullable: true }) triggeredBy!: PrincipalRef | null;
  @Field(() => [ID]) datasetVersionIds!: string[];
  @Field(() => [ID]) featureIds!: string[];
  @Field(() => [ID]) producedModelVersionIds!: string[];
}

@ObjectType({ description: "One run's level-1 DAG: its stages and the FEEDS edges between them." })
export class RunStagesView {
  @Field(() => RunView) run!: RunView;
  @Field(() => [StageView]) stages!: StageView[];
  @Field(() => [StageEdge]) edges!: StageEdge[];
}
