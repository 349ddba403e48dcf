/**
 * The rows one OpenLineage delivery writes (one per node, folded in openlineage.fold.ts) and
 * the ids of the nodes they create.
 */
import type { RunStatus } from '@ion-lineage/contract';
import type { AnnotationRow, ColumnRow, QualityRow } from './openlineage.annotations';

/** Ids of the nodes an OpenLineage event creates; namespaced so they never meet native ids. */
export const olIds = {
  job: (namespace: string, name: string) => `ol-job:${namespace}:${name}`,
  ion: (namespace: string, name: string) => `ol-ion:${namespace}:${name}`,
  instance: (runId: string) => `ol-instance:${runId}`,
  dataset: (namespace: string, name: string) => `ol-dataset:${namespace}:${name}`,
  model: (namespace: string, name: string) => `ol-model:${namespace}:${name}`,
  version: (parentId: string, version: string) => `${parentId}@${version}`,
};

export type JobRole = 'ETL' | 'TRAINING' | 'INFERENCE';

export interface JobRow {
  id: string;
  namespace: string;
  name: string;
  role: JobRole;
  engine: string | null;
  codeRepo: string | null;
  description: string | null;
}

export interface RunRow {
  id: string;
  jobId: string;
  kind: JobRole;
  /** Earliest START time; null when no START was seen (then `earliest` stands in). */
  startedAt: string | null;
  earliest: string;
  /** The latest terminal event (COMPLETE, FAIL or ABORT) decides the end. */
  endedAt: string | null;
  endStatus: RunStatus | null;
  /** Facet-derived values: those of the latest event that carries them win. */
  latestAt: string;
  params: string | null;
  codeVersion: string | null;
  codeUrl: string | null;
  engine: string | null;
  engineVersion: string | null;
  nominalStartTime: string | null;
  producer: string | null;
}

export interface ParentRow {
  ionId: string;
  ionName: string;
  instanceId: string;
  parentRunId: string;
  parentJobId: string;
  childRunId: string;
  childJobId: string;
}

export interface DatasetRow {
  datasetId: string;
  name: string;
  uri: string;
  schema: string | null;
  versionId: string;
  version: string;
  rowCount: number | null;
  at: string;
  runId: string | null;
  link: 'READ' | 'PRODUCED' | null;
  isModel: boolean;
  /** An input without a `version` facet: the run read the dataset's latest version, if any is known. */
  latest: boolean;
}

export interface ErrorRow {
  id: string;
  runId: string;
  at: string;
  message: string;
  details: string;
}

/** Everything one delivery writes, each node once. */
export interface GraphRows {
  jobs: JobRow[];
  runs: RunRow[];
  parents: ParentRow[];
  datasets: DatasetRow[];
  errors: ErrorRow[];
  /** Tags and owners from the `tags` and `ownership` facets. */
  annotations: AnnotationRow[];
  /** `dataQualityMetrics` / `dataQualityAssertions` on dataset versions. */
  qualities: QualityRow[];
  /** `columnLineage` edges between dataset columns. */
  columns: ColumnRow[];
}
