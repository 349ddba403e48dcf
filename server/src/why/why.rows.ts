/** Shapes of the row `why/explain` returns: maps built by the query, JSON blobs still strings. */
import type { PrincipalRef } from '../graphql/refs.types';
import type { WhyAnswer, WhyApproval, WhyDeployment, WhyModel, WhyPipelineNode } from './why.types';

type Obj = Record<string, unknown>;
export type Nullable<T> = T | null;

export interface DatasetVersionRow {
  id: string;
  version: Nullable<string>;
  digest: Nullable<string>;
  rowCount: Nullable<number>;
  qualityMetrics?: Nullable<string>;
  qualityAssertions?: Nullable<string>;
  dataset: Nullable<{ id: string; name: Nullable<string>; classification: Nullable<string>; uri?: Nullable<string>; owner?: Nullable<string> }>;
}

export interface TrainingRow {
  id: string;
  status: Nullable<string>;
  startedAt: Nullable<string>;
  endedAt: Nullable<string>;
  params: Nullable<string>;
  codeVersion: Nullable<string>;
  engine: Nullable<string>;
  engineVersion: Nullable<string>;
  host: Nullable<string>;
  environment: Nullable<string>;
  searchGroupId: Nullable<string>;
  purpose: Nullable<string>;
  evaluations: Array<{ name: Nullable<string>; stats: Nullable<string> }>;
  pipelineNode: Nullable<WhyPipelineNode>;
  triggeredBy: Nullable<PrincipalRef>;
  datasetVersions: DatasetVersionRow[];
  features: Array<{
    id: string;
    name: Nullable<string>;
    dtype: Nullable<string>;
    classification: Nullable<string>;
    transform: Nullable<string>;
    datasetIds: string[];
  }>;
  siblings: Array<{
    id: string;
    status: Nullable<string>;
    startedAt: Nullable<string>;
    params: Nullable<string>;
    codeVersion: Nullable<string>;
    produced: Array<{ id: string; metrics: Nullable<string> }>;
    evaluations: Array<{ name: Nullable<string>; stats: Nullable<string> }>;
  }>;
}

export interface ApprovalRow {
  id: string;
  decision: string;
  at: string;
  comment: Nullable<string>;
  policyRunId: Nullable<string>;
  reviewer: WhyApproval['reviewer'];
  ion: WhyApproval['ion'];
}

export interface ModelRow {
  id: string;
  name: Nullable<string>;
  version: Nullable<string>;
  algorithm: Nullable<string>;
  framework: Nullable<string>;
  format: Nullable<string>;
  artifactUri: Nullable<string>;
  digest: Nullable<string>;
  hyperparameters: Nullable<string>;
  metrics: Nullable<string>;
  status: Nullable<string>;
  createdAt: Nullable<string>;
  ensembleId: Nullable<string>;
  weight: Nullable<number>;
  model: Nullable<{ id: string; name: Nullable<string> }>;
  uploadedBy: WhyModel['uploadedBy'];
  training: Nullable<TrainingRow>;
  approvals: ApprovalRow[];
}

export interface OtherPredictionRow {
  id: string;
  output: string;
  score: Nullable<number>;
  at: Nullable<string>;
  run: Nullable<{ id: string }>;
  pipelineNode: Nullable<WhyPipelineNode>;
  modelVersionIds: string[];
}

/** The one row `why/explain` returns. */
export interface ExplainRow {
  prediction: {
    id: string;
    requestId: string;
    subjectKey: string;
    at: string;
    inputs: Nullable<string>;
    output: string;
    score: Nullable<number>;
    attributions: Nullable<string>;
  };
  run: Obj & { id: string };
  pipelineNode: Nullable<WhyPipelineNode>;
  instance: WhyAnswer['ionInstance'];
  ion: WhyAnswer['ion'];
  models: ModelRow[];
  deployments: WhyDeployment[];
  others: OtherPredictionRow[];
  events: Array<{ id: string; type: string; at: string; message: Nullable<string>; details: Nullable<string>; runId: string }>;
}
