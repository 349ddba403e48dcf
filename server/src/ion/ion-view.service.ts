import { ErrorCode, LineageError, badInput } from '../errors';
import type * as C from '@ion-lineage/contract';
import { FAR_FUTURE, checkFirst, decodeCursor, pageOfFetched } from '../search/paging';
import { int, parseJsonText, runRows } from '../search/values';
import type { QueryRunner } from '../store/executor';
import type {
  IonInstanceConnection,
  IonInstanceView,
  IonNodeView,
  IonTimeline,
  IonView,
  NodeTimeline,
  RunStagesView,
  StageView,
  TimelineApproval,
  TimelineEvent,
  TimelineModel,
  TimelineRun,
} from './ion-view.types';

export const MAX_TIMELINE_LIMIT = 5_000;
export const MAX_INSTANCE_PAGE = 200;
/** Most stages and edges of one run's DAG. */
export const STAGE_CAP = 2_000;
const FAR_PAST = '0001-01-01T00:00:00Z';

interface TimelineRow {
  node: IonNodeView;
  runs: TimelineRun[];
  models: TimelineModel[];
  events: TimelineEvent[];
}

/** Keeps the first `limit` items and says whether there were more (the query asked for one extra). */
function cut<T>(items: T[], limit: number): { items: T[]; cut: boolean } {
  return { items: items.slice(0, limit), cut: items.length > limit };
}

/**
 * Builds the lanes of a timeline from per-node rows and the ION's decisions (pure; rows hold
 * at most limit + 1 items per list). A decision goes to the lane of the policy node whose run
 * recorded it.
 */
export function buildLanes(rows: readonly TimelineRow[], approvals: readonly TimelineApproval[], limit: number): NodeTimeline[] {
  return rows.map((row) => {
    const runs = cut(row.runs, limit);
    const models = cut(row.models, limit);
    const events = cut(row.events, limit);
    const mine = approvals.filter((approval) => approval.pipelineNodeId === row.node.id);
    return {
      node: row.node,
      runs: runs.items,
      models: models.items,
      events: events.items,
      approvals: mine.slice(0, limit),
      truncated: runs.cut || models.cut || events.cut || mine.length > limit,
    };
  });
}

/** ION views: the template, its instances, its timeline and one run's stage DAG. */
export class IonViewService {
  constructor(private readonly runner: QueryRunner) {}

  /** The ION template; NOT_FOUND for an unknown id. */
  async ion(id: string): Promise<IonView> {
    const [row] = await runRows<{
      ion: { id: string; name: string; version: string; description: string | null; policy: string | null; createdAt: string };
      nodes: IonNodeView[];
      edges: Array<{ from: string; to: string; message: C.MessageKind }>;
      instanceCount: number;
    }>(this.runner, 'ion/view', { id });
    if (!row) throw new LineageError(ErrorCode.NOT_FOUND, `No ION with id '${id}'`);
    return { ...row.ion, policy: parseJsonText(row.ion.policy), nodes: row.nodes, edges: row.edges, instanceCount: row.instanceCount };
  }

  /** A page of the ION's instances, newest first. */
  async instances(ionId: string, totalCount: number, first: number, after?: string | null): Promise<IonInstanceConnection> {
    checkFirst(first, MAX_INSTANCE_PAGE);
    const cursor = decodeCursor(after);
    const rows = await runRows<IonInstanceView>(this.runner, 'ion/instances', {
      ionId,
      beforeAt: cursor?.[0] ?? FAR_FUTURE,
      beforeId: cursor?.[1] ?? '',
      limit: int(first + 1),
    });
    const page = pageOfFetched(rows, (i) => [i.startedAt, i.id], first);
    return {
      edges: page.items.map((node, i) => ({ cursor: page.cursors[i]!, node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount,
    };
  }

  /** Per pipeline node, what happened in [from, to): runs, models produced, decisions, events. */
  async timeline(ionId: string, from: string | null | undefined, to: string | null | undefined, limit: number): Promise<IonTimeline> {
    checkFirst(limit, MAX_TIMELINE_LIMIT, 'limit');
    const since = from ?? FAR_PAST;
    const until = to ?? FAR_FUTURE;
    if (Date.parse(since) >= Date.parse(until)) throw badInput([{ path: 'to', message: 'must be after from' }]);
    const params = { ionId, from: since, to: until, limit: int(limit + 1) };
    const [rows, approvals] = await Promise.all([
      runRows<TimelineRow>(this.runner, 'ion/timeline', params),
      runRows<TimelineApproval>(this.runner, 'ion/timeline-approvals', params),
    ]);
    if (rows.length === 0) await this.ion(ionId); // NOT_FOUND for an unknown ION; an ION has nodes
    const nodes = buildLanes(rows, approvals, limit);
    return {
      ionId,
      from: from ?? null,
      to: to ?? null,
      limit,
      nodes,
      approvals: approvals.slice(0, limit),
      truncated: approvals.length > limit || nodes.some((lane) => lane.truncated),
    };
  }

  /** One run's properties and level-1 stage DAG; NOT_FOUND for an unknown id. */
  async runStages(runId: string): Promise<RunStagesView> {
    const [row] = await runRows<{
      run: Record<string, unknown> & { params: string | null; environment: string | null };
      node: IonNodeView | null;
      ion: { id: string; name: string } | null;
      instanceId: string | null;
      triggeredBy: RunStagesView['run']['triggeredBy'];
      datasetVersionIds: string[];
      featureIds: string[];
      producedModelVersionIds: string[];
      stages: Array<Omit<StageView, 'stats'> & { stats: string | null }>;
      feeds: Array<{ from: string; to: string }>;
    }>(this.runner, 'ion/run-stages', { runId, cap: int(STAGE_CAP) });
    if (!row) throw new LineageError(ErrorCode.NOT_FOUND, `No run with id '${runId}'`);
    const run = row.run as unknown as RunStagesView['run'] & { params: string | null; environment: string | null };
    return {
      run: {
        ...run,
        params: parseJsonText(run.params),
        environment: parseJsonText(run.environment),
        pipelineNode: row.node,
        ionId: row.ion?.id ?? null,
        ionName: row.ion?.name ?? null,
        instanceId: row.instanceId,
        triggeredBy: row.triggeredBy,
        datasetVersionIds: row.datasetVersionIds,
        featureIds: row.featureIds,
        producedModelVersionIds: row.producedModelVersionIds,
      },
      stages: row.stages.map((stage) => ({ ...stage, stats: parseJsonText(stage.stats) })),
      edges: row.feeds,
    };
  }
}
