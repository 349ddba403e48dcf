import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';
import { PrincipalRef } from '../graphql/refs.types';
import { DataQuality } from '../quality/data-quality.types';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars';
import { NotRestricted, Restricted, RestrictedKind } from '../classification/restricted.decorators';
import { subjectOfEventText, subjectOfLabel } from '../classification/restricted.policy';

@ObjectType()
export class WhyIon {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) version!: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType()
export class WhyIonInstance {
  @Field(() => String) id!: string;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: string | null;
  @Field(() => String, { nullable: true }) status!: string | null;
}

@ObjectType()
export class WhyPipelineNode {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) role!: string | null;
  @Field(() => String, { nullable: true }) engine?: string | null;
  @Field(() => String, { nullable: true }) codeRepo?: string | null;
}

@ObjectType({ description: 'One feature’s contribution to the output, recorded at inference time.' })
export class WhyAttribution {
  @Field(() => String) feature!: string;
  @Field(() => Float) contribution!: number;
}

@ObjectType()
export class WhyPrediction {
  @Field(() => String) id!: string;
  @Field(() => String) requestId!: string;
  @Restricted(RestrictedKind.SUBJECT_KEY)
  @Field(() => String)
  subjectKey!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Restricted(RestrictedKind.INPUTS)
  @Field(() => JSONScalar, { nullable: true })
  inputs!: unknown;
  @Field(() => String) output!: string;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Restricted(RestrictedKind.ATTRIBUTIONS)
  @Field(() => [WhyAttribution], { description: 'Sorted by |contribution|, strongest first; empty when withheld (see masked).' })
  attributions!: WhyAttribution[];
  @Restricted(RestrictedKind.MASKED_FLAG)
  @Field(() => Boolean, {
    description: 'True when the subject key is masked and inputs and attributions are withheld for this caller (no SEE_RESTRICTED_DATA).',
  })
  masked!: boolean;
}

@ObjectType({ description: 'The run that served the prediction.' })
export class WhyRun {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) kind!: string | null;
  @Field(() => String, { nullable: true }) status!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: string | null;
  @NotRestricted('training and serving parameters describe code and machines, not subjects')
  @Field(() => JSONScalar, { nullable: true })
  params!: unknown;
  @Field(() => String, { nullable: true }) codeVersion!: string | null;
  @Field(() => String, { nullable: true }) engine!: string | null;
  @Field(() => String, { nullable: true }) engineVersion!: string | null;
  @Field(() => String, { nullable: true }) host!: string | null;
  @NotRestricted('training and serving parameters describe code and machines, not subjects')
  @Field(() => JSONScalar, { nullable: true })
  environment!: unknown;
  @Field(() => WhyPipelineNode, { nullable: true }) pipelineNode!: WhyPipelineNode | null;
}

@ObjectType()
export class WhyDataset {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) classification!: string | null;
  @Field(() => String, { nullable: true }) uri?: string | null;
  @Field(() => String, { nullable: true }) owner?: string | null;
}

@ObjectType()
export class WhyDatasetVersion {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) version!: string | null;
  @Field(() => String, { nullable: true }) digest!: string | null;
  @Field(() => Int, { nullable: true }) rowCount!: number | null;
  @Field(() => WhyDataset, { nullable: true }) dataset!: WhyDataset | null;
  @Field(() => DataQuality, { nullable: true, description: 'Data-quality metrics and tests reported for this version (OpenLineage); null when none.' })
  quality!: DataQuality | null;
}

@ObjectType()
export class WhyFeature {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) dtype!: string | null;
  @Field(() => String, { nullable: true }) classification!: string | null;
  @Field(() => String, { nullable: true }) transform?: string | null;
  @Field(() => [String]) datasetIds!: string[];
}

@ObjectType({ description: 'Another run of the same hyperparameter search: what the chosen run beat.' })
export class WhySearchSibling {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) status!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: string | null;
  @NotRestricted('training and serving parameters describe code and machines, not subjects')
  @Field(() => JSONScalar, { nullable: true })
  params!: unknown;
  @Field(() => String, { nullable: true }) codeVersion!: string | null;
  @Field(() => [String]) producedModelVersionIds!: string[];
  @NotRestricted('aggregate metrics over a whole evaluation set, not one subject')
  @Field(() => JSONScalar, { nullable: true, description: 'Metrics of the version it produced, if any.' })
  metrics!: unknown;
  @NotRestricted('aggregate stats of an evaluation stage')
  @Field(() => JSONScalar, { nullable: true, description: 'Stats of its evaluation stages (e.g. AUC of a run that produced no version).' })
  evaluation!: unknown;
}

@ObjectType({ description: 'The run that trained a model version, and what it learned from.' })
export class WhyTraining {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) status!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) endedAt!: string | null;
  @NotRestricted('training and serving parameters describe code and machines, not subjects')
  @Field(() => JSONScalar, { nullable: true })
  params!: unknown;
  @Field(() => String, { nullable: true }) codeVersion!: string | null;
  @Field(() => String, { nullable: true }) engine!: string | null;
  @Field(() => String, { nullable: true }) engineVersion!: string | null;
  @Field(() => String, { nullable: true }) host!: string | null;
  @NotRestricted('training and serving parameters describe code and machines, not subjects')
  @Field(() => JSONScalar, { nullable: true })
  environment!: unknown;
  @Field(() => String, { nullable: true }) searchGroupId!: string | null;
  @Field(() => String, { nullable: true }) purpose!: string | null;
  @NotRestricted('aggregate stats of an evaluation stage')
  @Field(() => JSONScalar, { nullable: true, description: 'Stats of its evaluation stage, if recorded.' })
  evaluation!: unknown;
  @Field(() => WhyPipelineNode, { nullable: true }) pipelineNode!: WhyPipelineNode | null;
  @Field(() => PrincipalRef, { nullable: true }) triggeredBy!: PrincipalRef | null;
  @Field(() => [WhyDatasetVersion]) datasetVersions!: WhyDatasetVersion[];
  @Field(() => [WhyFeature]) features!: WhyFeature[];
  @Field(() => [WhySearchSibling]) searchSiblings!: WhySearchSibling[];
}

@ObjectType({ description: 'One approval or rejection of a model version for an ION.' })
export class WhyApproval {
  @Field(() => String) id!: string;
  @Field(() => String) decision!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => PrincipalRef, { nullable: true }) reviewer!: PrincipalRef | null;
  @Field(() => WhyIon, { nullable: true }) ion!: WhyIon | null;
  @Field(() => String, { nullable: true }) policyRunId!: string | null;
}

@ObjectType({ description: 'A model version behind the prediction; ensembles list their members.' })
export class WhyModel {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) version!: string | null;
  @Field(() => String, { nullable: true }) modelId!: string | null;
  @Field(() => String, { nullable: true }) modelName!: string | null;
  @Field(() => String, { nullable: true }) algorithm!: string | null;
  @Field(() => String, { nullable: true }) framework!: string | null;
  @Field(() => String, { nullable: true }) format!: string | null;
  @Field(() => String, { nullable: true }) artifactUri!: string | null;
  @Field(() => String, { nullable: true }) digest!: string | null;
  @NotRestricted('learned over a whole training set; without per-prediction attributions, which are withheld, they give no subject back')
  @Field(() => JSONScalar, { nullable: true })
  hyperparameters!: unknown;
  @NotRestricted('aggregate metrics over a whole evaluation set, not one subject')
  @Field(() => JSONScalar, { nullable: true })
  metrics!: unknown;
  @Field(() => String, { nullable: true }) status!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) createdAt!: string | null;
  @Field(() => Float, { nullable: true, description: 'Weight in the ensemble (members only).' }) weight!: number | null;
  @Field(() => PrincipalRef, { nullable: true }) uploadedBy!: PrincipalRef | null;
  @Field(() => WhyTraining, { nullable: true }) training!: WhyTraining | null;
  @Field(() => [WhyApproval], { description: 'Every decision on this version, per ION, in time order.' }) approvals!: WhyApproval[];
  @Field(() => [WhyModel], { description: 'Ensemble members with weights; empty for a single model.' }) members!: WhyModel[];
}

@ObjectType({ description: 'The deployment that put a model on the serving pipeline node at prediction time.' })
export class WhyDeployment {
  @Field(() => String) id!: string;
  @Field(() => String, { nullable: true }) role!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) from!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) to!: string | null;
  @Field(() => String, { nullable: true }) modelVersionId!: string | null;
  @Field(() => String, { nullable: true }) approvalId!: string | null;
}

@ObjectType({ description: 'The control pipeline’s prediction for the same request.' })
export class WhyControl {
  @Field(() => String) predictionId!: string;
  @Field(() => String) output!: string;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) at!: string | null;
  @Field(() => [String]) modelVersionIds!: string[];
  @Field(() => String, { nullable: true }) runId!: string | null;
  @Field(() => WhyPipelineNode, { nullable: true }) pipelineNode!: WhyPipelineNode | null;
  @Field(() => Boolean, { description: 'True when its output differs from the prediction’s.' }) differs!: boolean;
}

@ObjectType()
export class WhyEvent {
  @Field(() => String) id!: string;
  @Field(() => String) type!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true }) message!: string | null;
  @Restricted(RestrictedKind.RAW_DETAILS, subjectOfEventText)
  @Field(() => JSONScalar, { nullable: true, description: 'Withheld (null) for callers without SEE_RESTRICTED_DATA: free text may quote subjects.' })
  details!: unknown;
  @Field(() => String) runId!: string;
}

@ObjectType({ description: 'Which ingredients needed to rebuild one model are recorded.' })
export class WhyReproducibility {
  @Field(() => String) modelVersionId!: string;
  @Field(() => [String], { description: 'Of: codeVersion, params, environment, dataDigests, artifactDigest.' }) recorded!: string[];
  @Field(() => [String]) missing!: string[];
  @Field(() => Boolean) complete!: boolean;
}

@ObjectType()
export class WhySubgraphNode {
  @Field(() => String) id!: string;
  @Field(() => String) type!: string;
  @Restricted(RestrictedKind.NODE_LABEL, subjectOfLabel)
  @Field(() => String)
  label!: string;
  /** The clear subject key a Prediction node's label quotes (not a field: the policy masks it in the label). */
  subjectKey?: string;
}

@ObjectType()
export class WhySubgraphEdge {
  @Field(() => String) source!: string;
  @Field(() => String) target!: string;
  @Field(() => String) type!: string;
}

@ObjectType({ description: 'Nodes and stored relationships behind the answer, for drawing.' })
export class WhySubgraph {
  @Field(() => [WhySubgraphNode]) nodes!: WhySubgraphNode[];
  @Field(() => [WhySubgraphEdge]) edges!: WhySubgraphEdge[];
}

@ObjectType({ description: 'Everything behind one prediction.' })
export class WhyAnswer {
  @Field(() => WhyPrediction) prediction!: WhyPrediction;
  @Field(() => WhyRun) inferenceRun!: WhyRun;
  @Field(() => WhyIonInstance, { nullable: true }) ionInstance!: WhyIonInstance | null;
  @Field(() => WhyIon, { nullable: true }) ion!: WhyIon | null;
  @Field(() => [WhyModel], { description: 'The model versions the prediction recorded; ensembles carry their members.' }) models!: WhyModel[];
  @Field(() => WhyDeployment, {
    nullable: true,
    description: 'The deployment in force on the serving node at prediction time (the one of a used model first).',
  })
  deployment!: WhyDeployment | null;
  @Field(() => [WhyDeployment], { description: 'Every deployment on the serving node covering the prediction time.' }) deployments!: WhyDeployment[];
  @Field(() => WhyControl, { nullable: true }) control!: WhyControl | null;
  @Field(() => [WhyEvent], { description: 'ERROR/WARNING/ALERT/DRIFT events on the inference and control runs within the window.' }) events!: WhyEvent[];
  @Field(() => [WhyReproducibility]) reproducibility!: WhyReproducibility[];
  @Field(() => Boolean, { description: 'True when every model has every ingredient recorded.' }) reproducible!: boolean;
  @Field(() => WhySubgraph) subgraph!: WhySubgraph;
}

@ArgsType()
export class WhyArgs {
  @Field(() => String, { nullable: true }) predictionId?: string | null;
  @Field(() => String, { nullable: true, description: 'With `at`: the newest prediction of this subject at or before `at`.' }) subjectKey?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Defaults to now.' }) at?: string | null;
  @Field(() => String, { nullable: true, description: 'Only a prediction with this output.' }) output?: string | null;
  @Field(() => Int, { defaultValue: 60, description: 'Events within ± this many minutes (0–1440).' }) windowMinutes!: number;
}
