import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { ClassificationEnum, DecisionEnum, DeploymentRoleEnum, ModelFormatEnum, ModelStatusEnum, PipelineRoleEnum, RunStatusEnum } from '../graphql/enums';
import { DataQuality } from '../quality/data-quality.types';
import { DatasetVersionRef, ModelVersionRef, PrincipalRef } from '../graphql/refs.types';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';
import { NotRestricted } from '../classification/restricted.decorators';

/** How a model version came to be. */
export const ModelOriginEnum = { TRAINED: 'TRAINED', UPLOADED: 'UPLOADED', UNKNOWN: 'UNKNOWN' } as const;
export type ModelOrigin = keyof typeof ModelOriginEnum;
registerEnumType(ModelOriginEnum, { name: 'ModelOrigin', description: 'Produced by a recorded training run, uploaded by someone, or neither recorded.' });

@ObjectType({ description: 'A dataset version a training run read, with its reported data quality.' })
export class GovernanceDatasetVersion extends DatasetVersionRef {
  @Field(() => DataQuality, { nullable: true, description: 'Metrics and tests reported for this version (OpenLineage); null when none.' })
  quality!: DataQuality | null;
}

@ObjectType({ description: 'A feature a training run used.' })
export class FeatureRef {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ClassificationEnum) classification!: C.Classification;
}

@ObjectType({ description: 'How a model version came to be: trained (by which run, where, by whom) or uploaded.' })
export class ModelLineageSummary {
  @Field(() => ModelOriginEnum) origin!: ModelOrigin;
  @Field(() => ID, { nullable: true }) trainingRunId!: string | null;
  @Field(() => RunStatusEnum, { nullable: true }) trainingRunStatus!: C.RunStatus | null;
  @Field(() => DateTimeScalar, { nullable: true }) trainingStartedAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) trainingEndedAt!: string | null;
  @Field(() => String, { nullable: true }) codeVersion!: string | null;
  @Field(() => String, { nullable: true, description: 'Shared by the runs of one hyperparameter search.' }) searchGroupId!: string | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @Field(() => ID, { nullable: true }) pipelineNodeId!: string | null;
  @Field(() => String, { nullable: true }) pipelineNodeName!: string | null;
  @Field(() => ID, { nullable: true }) ionId!: string | null;
  @Field(() => String, { nullable: true }) ionName!: string | null;
  @Field(() => ID, { nullable: true }) ionInstanceId!: string | null;
  @Field(() => PrincipalRef, { nullable: true, description: 'Who or what started the training run (TRIGGERED_BY).' }) triggeredBy!: PrincipalRef | null;
  @Field(() => PrincipalRef, { nullable: true, description: 'Who uploaded it (UPLOADED_BY), for models not produced by a recorded run.' })
  uploadedBy!: PrincipalRef | null;
  @Field(() => DateTimeScalar) createdAt!: string;
  @Field(() => Int) datasetVersionCount!: number;
  @Field(() => Int) datasetCount!: number;
  @Field(() => Int) featureCount!: number;
  @Field(() => [GovernanceDatasetVersion], { description: 'The data the training run read, with the data quality reported for each version.' })
  datasetVersions!: GovernanceDatasetVersion[];
  @Field(() => [FeatureRef]) features!: FeatureRef[];
}

@ObjectType({ description: 'One approval or rejection of a model version.' })
export class DecisionView {
  @Field(() => ID) id!: string;
  @Field(() => DecisionEnum) decision!: C.Decision;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => PrincipalRef) reviewer!: PrincipalRef;
  @Field(() => ID, { nullable: true, description: "The policy node's run that recorded it." }) policyRunId!: string | null;
}

@ObjectType({ description: 'Every decision on a model version for one ION, oldest first; the last one is in force.' })
export class IonDecisions {
  @Field(() => ID) ionId!: string;
  @Field(() => String) ionName!: string;
  @Field(() => DecisionEnum, { description: 'The latest decision for this ION.' }) current!: C.Decision;
  @Field(() => [DecisionView]) approvals!: DecisionView[];
  @Field(() => [DecisionView]) rejections!: DecisionView[];
  @Field(() => [DecisionView], { description: 'Approvals and rejections together, in time order.' }) decisions!: DecisionView[];
}

@ObjectType({ description: 'An ensemble relation: a member of this version, or an ensemble this version belongs to.' })
export class EnsembleLink {
  @Field(() => ID) modelVersionId!: string;
  @Field(() => String) name!: string;
  @Field(() => ModelStatusEnum) status!: C.ModelStatus;
  @Field(() => Float) weight!: number;
}

@ObjectType({ description: 'An ION instance whose lifetime overlaps a usage period.' })
export class InstanceRef {
  @Field(() => ID) id!: string;
  @Field(() => DateTimeScalar) startedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: string | null;
  @Field(() => RunStatusEnum) status!: C.RunStatus;
}

@ObjectType({ description: 'One deployment: the version served a pipeline node in a role from `from` to `to`.' })
export class UsagePeriod {
  @Field(() => ID) deploymentId!: string;
  @Field(() => DeploymentRoleEnum) role!: C.DeploymentRole;
  @Field(() => DateTimeScalar) from!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Null while still deployed.' }) to!: string | null;
  @Field(() => Int, { description: 'Seconds from `from` to `to` (or to now, while active).' }) durationSeconds!: number;
  @Field(() => Boolean) active!: boolean;
  @Field(() => ID, { nullable: true, description: 'The approval the deployment cites (AUTHORIZED_BY).' }) approvalId!: string | null;
  @Field(() => [InstanceRef], { description: "Instances of the node's ION that ran during the period (at most 100)." }) instances!: InstanceRef[];
}

@ObjectType({ description: 'Usage of a version on one pipeline node.' })
export class NodeUsage {
  @Field(() => ID) pipelineNodeId!: string;
  @Field(() => String) pipelineNodeName!: string;
  @Field(() => PipelineRoleEnum) pipelineRole!: C.PipelineRole;
  @Field(() => Int) totalSeconds!: number;
  @Field(() => [UsagePeriod]) periods!: UsagePeriod[];
}

@ObjectType({ description: 'Usage of a version within one ION: per pipeline node, its deployment periods.' })
export class IonUsage {
  @Field(() => ID, { nullable: true }) ionId!: string | null;
  @Field(() => String, { nullable: true }) ionName!: string | null;
  @Field(() => Boolean) active!: boolean;
  @Field(() => [NodeUsage]) nodes!: NodeUsage[];
}

@ObjectType({ description: 'The governance view of one model version (Figure 6 of the ATC\'18 "Model Governance" paper).' })
export class ModelVersionView extends ModelVersionRef {
  @Field(() => String) version!: string;
  @Field(() => ID, { nullable: true }) modelId!: string | null;
  @Field(() => String, { nullable: true }) modelName!: string | null;
  @Field(() => String, { nullable: true }) modelDescription!: string | null;
  @Field(() => String) algorithm!: string;
  @Field(() => String, { nullable: true }) framework!: string | null;
  @Field(() => ModelFormatEnum) format!: C.ModelFormat;
  @Field(() => String, { nullable: true }) artifactUri!: string | null;
  @Field(() => String, { nullable: true }) digest!: string | null;
  @NotRestricted('aggregate metrics over a whole evaluation set, not one subject')
  @Field(() => JSONObjectScalar, { nullable: true })
  metrics!: C.JsonObject | null;
  @NotRestricted('learned over a whole training set; without per-prediction attributions, which are withheld, they give no subject back')
  @Field(() => JSONObjectScalar, { nullable: true })
  hyperparameters!: C.JsonObject | null;
  @NotRestricted('schemas name features and types, not values')
  @Field(() => JSONObjectScalar, { nullable: true })
  inputSchema!: C.JsonObject | null;
  @NotRestricted('schemas name outputs and types, not values')
  @Field(() => JSONObjectScalar, { nullable: true })
  outputSchema!: C.JsonObject | null;
  @Field(() => ModelLineageSummary) lineage!: ModelLineageSummary;
  @Field(() => [IonDecisions], { description: 'Approvals and rejections, grouped per ION.' }) decisionsByIon!: IonDecisions[];
  @Field(() => [EnsembleLink], { description: 'Members, when this version is an ensemble.' }) members!: EnsembleLink[];
  @Field(() => [EnsembleLink], { description: 'Ensembles this version is a member of.' }) memberOf!: EnsembleLink[];
  @Field(() => [IonUsage], { description: 'Deployment periods, per ION and pipeline node.' }) usage!: IonUsage[];
  @Field(() => Int, { description: 'Predictions that recorded this version (a degree count; cheap at any size).' }) predictionCount!: number;
}
