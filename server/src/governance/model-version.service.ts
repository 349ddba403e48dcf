import { dataQualityOf } from '../quality/data-quality';
import { ErrorCode, LineageError } from '../errors';
import type * as C from '@ion-lineage/contract';
import type { QueryRunner } from '../store/executor';
import { int, parseJsonText, runRows } from '../search/values';
import { type DecisionRow, type DeploymentRow, groupDecisions, groupUsage } from './model-version.grouping';
import type { DatasetVersionRef, PrincipalRef } from '../graphql/refs.types';
import type { EnsembleLink, FeatureRef, ModelLineageSummary, ModelVersionView } from './model-version.types';

/** Most items per list of the view (decisions, members, deployments, datasets, features). */
export const VIEW_LIST_CAP = 500;

interface ViewRow {
  version: {
    id: string;
    name: string;
    version: string;
    algorithm: string;
    framework: string | null;
    format: C.ModelFormat;
    artifactUri: string | null;
    digest: string | null;
    status: C.ModelStatus;
    metrics: string | null;
    hyperparameters: string | null;
    inputSchema: string | null;
    outputSchema: string | null;
    createdAt: string;
  };
  model: { id: string; name: string; description: string | null } | null;
  run: {
    id: string;
    kind: string;
    status: C.RunStatus;
    startedAt: string;
    endedAt: string | null;
    codeVersion: string | null;
    searchGroupId: string | null;
    purpose: string | null;
  } | null;
  node: { id: string; name: string; role: C.PipelineRole } | null;
  ion: { id: string; name: string; version: string } | null;
  instance: { id: string } | null;
  triggeredBy: PrincipalRef | null;
  uploadedBy: PrincipalRef | null;
  datasetVersions: Array<DatasetVersionRef & { qualityMetrics?: string | null; qualityAssertions?: string | null }>;
  features: FeatureRef[];
  decisions: DecisionRow[];
  members: Array<{ id: string; name: string; status: C.ModelStatus; weight: number }>;
  memberOf: Array<{ id: string; name: string; status: C.ModelStatus; weight: number }>;
  deployments: DeploymentRow[];
  predictionCount: number;
}

const toLink = (member: ViewRow['members'][number]): EnsembleLink => ({
  modelVersionId: member.id,
  name: member.name,
  status: member.status,
  weight: member.weight,
});

/** The model governance page: one query for the whole view, shaped by pure functions. */
export class GovernanceService {
  constructor(private readonly runner: QueryRunner) {}

  /** The governance view of one version; NOT_FOUND for an unknown id. */
  async modelVersion(id: string, now: Date = new Date()): Promise<ModelVersionView> {
    const [row] = await runRows<ViewRow>(this.runner, 'governance/model-version', { id, now: now.toISOString(), cap: int(VIEW_LIST_CAP) });
    if (!row) throw new LineageError(ErrorCode.NOT_FOUND, `No model version with id '${id}'`);
    const v = row.version;
    return {
      id: v.id,
      name: v.name,
      version: v.version,
      modelId: row.model?.id ?? null,
      modelName: row.model?.name ?? null,
      modelDescription: row.model?.description ?? null,
      algorithm: v.algorithm,
      framework: v.framework,
      format: v.format,
      artifactUri: v.artifactUri,
      digest: v.digest,
      status: v.status,
      metrics: parseJsonText(v.metrics),
      hyperparameters: parseJsonText(v.hyperparameters),
      inputSchema: parseJsonText(v.inputSchema),
      outputSchema: parseJsonText(v.outputSchema),
      createdAt: v.createdAt,
      lineage: lineageOf(row),
      decisionsByIon: groupDecisions(row.decisions),
      members: row.members.map(toLink),
      memberOf: row.memberOf.map(toLink),
      usage: groupUsage(row.deployments),
      predictionCount: row.predictionCount,
    };
  }
}

function lineageOf(row: ViewRow): ModelLineageSummary {
  const { run } = row;
  return {
    origin: run ? 'TRAINED' : row.uploadedBy ? 'UPLOADED' : 'UNKNOWN',
    trainingRunId: run?.id ?? null,
    trainingRunStatus: run?.status ?? null,
    trainingStartedAt: run?.startedAt ?? null,
    trainingEndedAt: run?.endedAt ?? null,
    codeVersion: run?.codeVersion ?? null,
    searchGroupId: run?.searchGroupId ?? null,
    purpose: run?.purpose ?? null,
    pipelineNodeId: row.node?.id ?? null,
    pipelineNodeName: row.node?.name ?? null,
    ionId: row.ion?.id ?? null,
    ionName: row.ion?.name ?? null,
    ionInstanceId: row.instance?.id ?? null,
    triggeredBy: row.triggeredBy,
    uploadedBy: row.uploadedBy,
    createdAt: row.version.createdAt,
    datasetVersionCount: row.datasetVersions.length,
    datasetCount: new Set(row.datasetVersions.map((dv) => dv.datasetId)).size,
    featureCount: row.features.length,
    datasetVersions: row.datasetVersions.map(({ qualityMetrics, qualityAssertions, ...dv }) => ({
      ...dv,
      quality: dataQualityOf(qualityMetrics, qualityAssertions),
    })),
    features: row.features,
  };
}
