/**
 * The ingestion contract: plain shapes of everything a pipeline, agent or the demo seed sends.
 *
 * Every entity shape is defined once, by its zod schema in `schemas.ts`; the types below are
 * derived from those schemas (`z.input`), never written by hand. The server's GraphQL input
 * classes are checked against the same schemas field by field (`input-contract.test.ts` there),
 * and each entity's `toRow` and Cypher row by `to-row.test.ts`. The seed generator and the SDK
 * build these shapes directly.
 *
 * Every item carries a client-chosen `id`, the idempotency key: sending the same item twice
 * stores it once, sending the same id with other content is a CONFLICT. Times are ISO-8601
 * strings. JSON-like values are plain objects.
 *
 * This module holds no runtime code but the bundle order (the schemas are imported for their
 * types only), so the SDK can import it without loading zod.
 */
import type { z } from 'zod';
import type * as S from './schemas.js';

export type JsonObject = { [key: string]: unknown };

export type Classification = z.infer<typeof S.classification>;
export type PipelineRole = z.infer<typeof S.pipelineRole>;
export type MessageKind = z.infer<typeof S.messageKind>;
export type RunStatus = z.infer<typeof S.runStatus>;
export type ModelFormat = z.infer<typeof S.modelFormat>;
export type ModelStatus = z.infer<typeof S.modelStatus>;
export type Decision = z.infer<typeof S.decision>;
export type DeploymentRole = z.infer<typeof S.deploymentRole>;
export type EventType = z.infer<typeof S.eventType>;
export type PrincipalKind = z.infer<typeof S.principalKind>;

/**
 * ION template: the level-2 graph of pipeline and policy nodes, as a JSON definition. Its one
 * definition is the JSON Schema `ion-definition.schema.json` of the server (checked at ingest);
 * this type is the typed view of it for code that builds or reads definitions.
 */
export interface IonDefinition {
  nodes: Array<{ id: string; name: string; role: PipelineRole; engine?: string; codeRepo?: string }>;
  edges: Array<{ from: string; to: string; message: MessageKind }>;
  /** Governance rules the ION's policy nodes enforce; checked by compliance policies. */
  policy?: { metric?: string; minimum?: number; requiresApproval?: boolean };
}

/** The zod schema checks `definition` is a bounded JSON object; its structure is the JSON Schema's. */
export type IonInput = Omit<z.input<typeof S.ionSchema>, 'definition'> & { definition: IonDefinition };
export type IonInstanceInput = z.input<typeof S.ionInstanceSchema>;
export type PrincipalInput = z.input<typeof S.principalSchema>;
export type RunInput = z.input<typeof S.runSchema>;
export type StageInput = z.input<typeof S.stageSchema>;
export type DatasetInput = z.input<typeof S.datasetSchema>;
export type DatasetVersionInput = z.input<typeof S.datasetVersionSchema>;
export type FeatureInput = z.input<typeof S.featureSchema>;
export type ModelInput = z.input<typeof S.modelSchema>;
export type EnsembleMemberInput = z.input<typeof S.ensembleMemberSchema>;
export type ModelVersionInput = z.input<typeof S.modelVersionSchema>;
export type ApprovalInput = z.input<typeof S.approvalSchema>;
export type DeploymentInput = z.input<typeof S.deploymentSchema>;
export type ModelLoadInput = z.input<typeof S.modelLoadSchema>;
export type TagInput = z.input<typeof S.tagSchema>;
export type AttributionInput = z.input<typeof S.attributionSchema>;
export type PredictionInput = z.input<typeof S.predictionSchema>;
export type EventInput = z.input<typeof S.eventSchema>;

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
