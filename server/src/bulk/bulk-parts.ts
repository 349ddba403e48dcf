import type { IngestBundle } from '@ion-lineage/contract';
import type { Row } from '../store/executor';
import type { BulkLabel, BulkTables } from './bulk-tables';
import type { Cell } from './csv-table';

/** What the part writers share across one import (all small: tags, models, loads). */
export interface PartContext {
  tables: BulkTables;
  /** The import's one creation time, as `datetime()` would give each transaction. */
  now: string;
  /** Tag ids written so far: a tag node is written once, as the write queries MERGE it. */
  tags: Set<string>;
  /** Model names by id: a model version's name is its model's name and its version. */
  modelNames: Map<string, string>;
  /** Model loads written so far (run, model version, instant): MERGE keeps one of each. */
  loads: Set<string>;
  /** PRIMARY deployment ids, checked for overlaps once imported. */
  primaries: string[];
}

type TagRow = { id: string; key: string; value: string };
type Writer = (row: Row, ctx: PartContext) => void;

const s = (value: unknown): Cell => (value === null || value === undefined ? null : (value as Cell));

/** The `tags` property: `key=value` strings, as the write queries store them. */
function tagList(row: Row): string[] {
  return (row.tags as TagRow[]).map((tag) => `${tag.key}=${tag.value}`);
}

function tagged(label: BulkLabel, row: Row, ctx: PartContext): void {
  for (const tag of row.tags as TagRow[]) {
    if (!ctx.tags.has(tag.id)) {
      ctx.tags.add(tag.id);
      ctx.tables.node('Tag', tag.id, [tag.key, tag.value]);
    }
    ctx.tables.rel('TAGGED', label, String(row.id), 'Tag', tag.id);
  }
}

/** `datetime({datetime: datetime(at), timezone: 'Z'})` without losing sub-millisecond digits. */
export function utcDateTime(at: string): string {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.exec(at);
  if (!match) throw new Error(`not a date-time with an offset: ${at}`);
  const whole = new Date(`${match[1]}${match[3]}`).toISOString().slice(0, 19);
  return `${whole}${match[2] ?? ''}Z`;
}

/**
 * One writer per part: the nodes and relationships its `cypher/ingest/*.cypher` create, from
 * the same `toRow` row the engine sends them. Optional links are written when their id is set
 * (the engine checked that the node exists; the import refuses a dangling one).
 */
export const PART_WRITERS: { [K in keyof IngestBundle]-?: Writer } = {
  principals: (r, { tables, now }) => tables.node('Principal', String(r.id), [s(r.name), s(r.kind), s(r.email), s(r.hash), now]),
  ions: (r, ctx) => {
    const { tables, now } = ctx;
    tables.node('ION', String(r.id), [s(r.name), s(r.version), s(r.description), s(r.definition), s(r.policy), tagList(r), s(r.hash), now]);
    for (const node of r.nodes as Array<Record<string, string | null>>) {
      tables.node('PipelineNode', node.id!, [node.name!, node.role!, node.engine ?? null, node.codeRepo ?? null, now]);
      tables.rel('HAS_NODE', 'ION', String(r.id), 'PipelineNode', node.id!);
    }
    for (const edge of r.edges as Array<{ from: string; to: string; message: string }>)
      tables.rel('SENDS', 'PipelineNode', edge.from, 'PipelineNode', edge.to, [edge.message]);
    tagged('ION', r, ctx);
  },
  ionInstances: (r, { tables, now }) => {
    tables.node('IONInstance', String(r.id), [s(r.startedAt), s(r.endedAt), s(r.status), s(r.hash), now]);
    tables.rel('INSTANCE_OF', 'IONInstance', String(r.id), 'ION', String(r.ionId));
  },
  datasets: (r, ctx) => {
    ctx.tables.node('Dataset', String(r.id), [
      s(r.name),
      s(r.uri),
      s(r.classification),
      s(r.owner),
      s(r.description),
      s(r.schema),
      tagList(r),
      s(r.hash),
      ctx.now,
    ]);
    tagged('Dataset', r, ctx);
  },
  datasetVersions: (r, ctx) => {
    ctx.tables.node('DatasetVersion', String(r.id), [s(r.version), s(r.digest), s(r.rowCount), s(r.schema), tagList(r), s(r.hash), s(r.createdAt) ?? ctx.now]);
    ctx.tables.rel('VERSION_OF', 'DatasetVersion', String(r.id), 'Dataset', String(r.datasetId));
    tagged('DatasetVersion', r, ctx);
  },
  features: (r, ctx) => {
    ctx.tables.node('Feature', String(r.id), [s(r.name), s(r.dtype), s(r.description), s(r.classification), s(r.transform), tagList(r), s(r.hash), ctx.now]);
    tagged('Feature', r, ctx);
    // (A fresh store holds no OpenLineage columns, so the feature-to-column link has nothing to find.)
    for (const datasetId of r.datasetIds as string[]) ctx.tables.rel('DERIVED_FROM', 'Feature', String(r.id), 'Dataset', datasetId);
  },
  models: (r, ctx) => {
    ctx.modelNames.set(String(r.id), String(r.name));
    ctx.tables.node('Model', String(r.id), [s(r.name), s(r.description), tagList(r), s(r.hash), ctx.now]);
    tagged('Model', r, ctx);
  },
  runs: (r, ctx) => {
    const id = String(r.id);
    const { tables } = ctx;
    tables.node('Run', id, [
      ...[r.kind, r.startedAt, r.endedAt, r.status, r.params, r.codeVersion, r.engine, r.engineVersion, r.host, r.environment, r.searchGroupId, r.purpose].map(
        s,
      ),
      tagList(r),
      s(r.hash),
      ctx.now,
    ]);
    tables.rel('OF_NODE', 'Run', id, 'PipelineNode', String(r.pipelineNodeId));
    if (r.instanceId) tables.rel('IN_INSTANCE', 'Run', id, 'IONInstance', String(r.instanceId));
    if (r.triggeredById) tables.rel('TRIGGERED_BY', 'Run', id, 'Principal', String(r.triggeredById));
    for (const dv of r.datasetVersionIds as string[]) tables.rel('READ', 'Run', id, 'DatasetVersion', dv);
    for (const feature of r.featureIds as string[]) tables.rel('USED_FEATURE', 'Run', id, 'Feature', feature);
    tagged('Run', r, ctx);
  },
  stages: (r, { tables, now }) => {
    tables.node('Stage', String(r.id), [s(r.name), s(r.type), s(r.stats), s(r.hash), now]);
    tables.rel('HAS_STAGE', 'Run', String(r.runId), 'Stage', String(r.id));
    for (const target of r.feeds as string[]) tables.rel('FEEDS', 'Stage', String(r.id), 'Stage', target);
  },
  modelVersions: (r, ctx) => {
    const id = String(r.id);
    const model = ctx.modelNames.get(String(r.modelId));
    // The write query MATCHes the model; a model outside this import would leave no version at all.
    if (model === undefined) throw new Error(`modelVersions '${id}': model '${String(r.modelId)}' is not in this import (models come first)`);
    const props = [
      r.version,
      r.algorithm,
      r.framework,
      r.format,
      r.artifactUri,
      r.digest,
      r.hyperparameters,
      r.metrics,
      r.inputSchema,
      r.outputSchema,
      r.status,
    ];
    ctx.tables.node('ModelVersion', id, [...props.map(s), `${model} ${String(r.version)}`, tagList(r), s(r.hash), s(r.createdAt) ?? ctx.now]);
    ctx.tables.rel('VERSION_OF', 'ModelVersion', id, 'Model', String(r.modelId));
    if (r.producedByRunId) ctx.tables.rel('PRODUCED', 'Run', String(r.producedByRunId), 'ModelVersion', id);
    if (r.uploadedById) ctx.tables.rel('UPLOADED_BY', 'ModelVersion', id, 'Principal', String(r.uploadedById));
    tagged('ModelVersion', r, ctx);
    for (const member of r.members as Array<{ modelVersionId: string; weight: number }>)
      ctx.tables.rel('HAS_MEMBER', 'ModelVersion', id, 'ModelVersion', member.modelVersionId, [member.weight]);
  },
  approvals: (r, { tables, now }) => {
    const id = String(r.id);
    tables.node('Approval', id, [s(r.decision), s(r.at), s(r.comment), s(r.hash), now]);
    tables.rel('DECIDED', 'Principal', String(r.principalId), 'Approval', id);
    tables.rel('REVIEWS', 'Approval', id, 'ModelVersion', String(r.modelVersionId));
    tables.rel('FOR_ION', 'Approval', id, 'ION', String(r.ionId));
    if (r.policyRunId) tables.rel('BY_RUN', 'Approval', id, 'Run', String(r.policyRunId));
  },
  deployments: (r, ctx) => {
    const id = String(r.id);
    ctx.tables.node('Deployment', id, [s(r.role), s(r.from), s(r.to), s(r.hash), ctx.now]);
    ctx.tables.rel('DEPLOYS', 'Deployment', id, 'ModelVersion', String(r.modelVersionId));
    ctx.tables.rel('TO_NODE', 'Deployment', id, 'PipelineNode', String(r.pipelineNodeId));
    if (r.approvalId) ctx.tables.rel('AUTHORIZED_BY', 'Deployment', id, 'Approval', String(r.approvalId));
    if (r.role === 'PRIMARY') ctx.primaries.push(id);
  },
  modelLoads: (r, ctx) => {
    const at = utcDateTime(String(r.at));
    const key = `${String(r.runId)}|${String(r.modelVersionId)}|${at}`;
    if (ctx.loads.has(key)) return;
    ctx.loads.add(key);
    ctx.tables.rel('LOADED', 'Run', String(r.runId), 'ModelVersion', String(r.modelVersionId), [at]);
  },
  predictions: (r, { tables, now }) => {
    const id = String(r.id);
    tables.node('Prediction', id, [s(r.requestId), s(r.subjectKey), s(r.at), s(r.inputs), s(r.output), s(r.score), s(r.attributions), s(r.hash), now]);
    tables.rel('MADE_BY', 'Prediction', id, 'Run', String(r.runId));
    for (const mv of r.modelVersionIds as string[]) tables.rel('USED', 'Prediction', id, 'ModelVersion', mv);
  },
  events: (r, { tables, now }) => {
    tables.node('Event', String(r.id), [s(r.type), s(r.at), s(r.message), s(r.details), s(r.hash), now]);
    tables.rel('DURING', 'Event', String(r.id), 'Run', String(r.runId));
  },
};
