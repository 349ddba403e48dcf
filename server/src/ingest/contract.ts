/**
 * The ingestion contract: plain shapes of everything a pipeline, agent or the demo seed sends.
 *
 * The GraphQL input classes mirror these shapes field for field; the seed generator and the
 * SDK build them directly. Every item carries a client-chosen `id`, the idempotency key:
 * sending the same item twice stores it once, sending the same id with other content is a
 * CONFLICT. Times are ISO-8601 strings. JSON-like values are plain objects.
 */

export type JsonObject = { [key: string]: unknown };

export type Classification = 'PUBLIC' | 'INTERNAL' | 'CONFIDENTIAL' | 'PII' | 'PHI';
export type PipelineRole = 'TRAINING' | 'INFERENCE' | 'CONTROL' | 'POLICY' | 'ETL' | 'MONITOR';
export type MessageKind = 'MODEL' | 'EVENT' | 'DATA';
export type RunStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'ABORTED';
export type ModelFormat = 'ONNX' | 'PMML' | 'SAVED_MODEL' | 'OPAQUE';
export type ModelStatus = 'CANDIDATE' | 'APPROVED' | 'REJECTED' | 'RETIRED';
export type Decision = 'APPROVED' | 'REJECTED';
export type DeploymentRole = 'PRIMARY' | 'CONTROL' | 'CANARY' | 'SHADOW';
export type EventType = 'ERROR' | 'WARNING' | 'ALERT' | 'DRIFT' | 'INFO';
export type PrincipalKind = 'HUMAN' | 'SERVICE';

/** ION template: the level-2 graph of pipeline and policy nodes, as a JSON definition. */
export interface IonDefinition {
  nodes: Array<{ id: string; name: string; role: PipelineRole; engine?: string; codeRepo?: string }>;
  edges: Array<{ from: string; to: string; message: MessageKind }>;
  /** Governance rules the ION's policy nodes enforce; checked by compliance policies. */
  policy?: { metric?: string; minimum?: number; requiresApproval?: boolean };
}

export interface IonInput {
  id: string;
  name: string;
  version: string;
  description?: string;
  /** Validated against cypher-independent JSON Schema `server/src/ion/ion-definition.schema.json`. */
  definition: IonDefinition;
}

export interface IonInstanceInput {
  id: string;
  ionId: string;
  startedAt: string;
  endedAt?: string;
  status: RunStatus;
}

export interface PrincipalInput {
  id: string;
  name: string;
  kind: PrincipalKind;
  email?: string;
}

export interface RunInput {
  id: string;
  /** A pipeline node id from an uploaded ION definition (node ids are global ids). */
  pipelineNodeId: string;
  instanceId?: string;
  kind: PipelineRole;
  startedAt: string;
  endedAt?: string;
  status: RunStatus;
  params?: JsonObject;
  codeVersion?: string;
  engine?: string;
  engineVersion?: string;
  host?: string;
  environment?: JsonObject;
  /** Who or what started the run (a Principal id): needed for separation-of-duties checks. */
  triggeredById?: string;
  /** Training runs of one hyperparameter search share a group id. */
  searchGroupId?: string;
  /** Why the run uses its data (required by policy for PHI training data). */
  purpose?: string;
  readDatasetVersionIds?: string[];
  usedFeatureIds?: string[];
}

export interface StageInput {
  id: string;
  runId: string;
  name: string;
  type: string;
  stats?: JsonObject;
  /** Ids of stages (same run) this stage feeds. */
  feedsStageIds?: string[];
}

export interface DatasetInput {
  id: string;
  name: string;
  uri?: string;
  classification: Classification;
  owner?: string;
  description?: string;
  schema?: JsonObject;
}

export interface DatasetVersionInput {
  id: string;
  datasetId: string;
  version: string;
  digest: string;
  rowCount?: number;
  createdAt?: string;
  schema?: JsonObject;
}

export interface FeatureInput {
  id: string;
  name: string;
  dtype: string;
  description?: string;
  classification: Classification;
  transform?: string;
  derivedFromDatasetIds: string[];
}

export interface ModelInput {
  id: string;
  name: string;
  description?: string;
}

export interface EnsembleMemberInput {
  modelVersionId: string;
  weight: number;
}

export interface ModelVersionInput {
  id: string;
  modelId: string;
  version: string;
  algorithm: string;
  framework?: string;
  format: ModelFormat;
  artifactUri?: string;
  digest?: string;
  hyperparameters?: JsonObject;
  metrics?: JsonObject;
  inputSchema?: JsonObject;
  outputSchema?: JsonObject;
  status: ModelStatus;
  /** Training run that produced it; absent for uploaded models. */
  producedByRunId?: string;
  /** Who uploaded it, for models not produced by a recorded run. */
  uploadedById?: string;
  createdAt?: string;
  members?: EnsembleMemberInput[];
}

export interface ApprovalInput {
  id: string;
  modelVersionId: string;
  ionId: string;
  principalId: string;
  decision: Decision;
  at: string;
  comment?: string;
  /** The policy node's run that recorded the decision. */
  policyRunId?: string;
}

export interface DeploymentInput {
  id: string;
  modelVersionId: string;
  pipelineNodeId: string;
  role: DeploymentRole;
  from: string;
  to?: string;
  approvalId?: string;
}

export interface ModelLoadInput {
  runId: string;
  modelVersionId: string;
  at: string;
}

export interface AttributionInput {
  feature: string;
  contribution: number;
}

export interface PredictionInput {
  id: string;
  runId: string;
  requestId: string;
  subjectKey: string;
  at: string;
  inputs?: JsonObject;
  output: string;
  score?: number;
  attributions?: AttributionInput[];
  /** Model versions that produced the output; empty when none was recorded (a compliance finding). */
  modelVersionIds: string[];
}

export interface EventInput {
  id: string;
  runId: string;
  type: EventType;
  at: string;
  message: string;
  details?: JsonObject;
}

/** Everything of one delivery, written in one transaction in dependency order. */
export interface IngestBundle {
  principals?: PrincipalInput[];
  ions?: IonInput[];
  ionInstances?: IonInstanceInput[];
  datasets?: DatasetInput[];
  datasetVersions?: DatasetVersionInput[];
  features?: FeatureInput[];
  models?: ModelInput[];
  runs?: RunInput[];
  stages?: StageInput[];
  modelVersions?: ModelVersionInput[];
  approvals?: ApprovalInput[];
  deployments?: DeploymentInput[];
  modelLoads?: ModelLoadInput[];
  predictions?: PredictionInput[];
  events?: EventInput[];
}

/** The order in which a bundle's parts are written, so references resolve within one delivery. */
export const BUNDLE_ORDER = [
  'principals',
  'ions',
  'ionInstances',
  'datasets',
  'datasetVersions',
  'features',
  'models',
  'runs',
  'stages',
  'modelVersions',
  'approvals',
  'deployments',
  'modelLoads',
  'predictions',
  'events',
] as const satisfies ReadonlyArray<keyof IngestBundle>;

/** Result of one ingest call: how many items were new and how many were exact replays. */
export interface IngestResult {
  created: number;
  unchanged: number;
}
