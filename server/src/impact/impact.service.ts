import { ErrorCode, LineageError } from '../errors';
import type * as C from '@ion-lineage/contract';
import { FAR_FUTURE, checkFirst, decodeCursor, pageOfFetched } from '../search/paging';
import { int, runRows } from '../search/values';
import type { QueryRunner } from '../store/executor';
import type {
  AffectedDeployment,
  AffectedIon,
  AffectedModelVersion,
  AffectedPipelineNode,
  AffectedPrediction,
  AffectedRun,
  ImpactRootKind,
  ImpactView,
} from './impact.types';

/** Most runs, versions and deployments listed; counts stay exact past it. */
export const IMPACT_LIST_CAP = 1_000;
export const MAX_PREDICTION_PAGE = 1_000;
/**
 * Up to this many affected predictions, a page expands USED from each affected version and
 * sorts them; beyond it they are a large share of all predictions, and walking the
 * Prediction(at) index newest-first finds a page after few index entries.
 */
export const EXPAND_LIMIT = 20_000;
/** Share of all predictions above which the affected ones are walked from the newest of all. */
export const DENSE_SHARE = 0.5;

interface NodeRow {
  pipelineNodeId: string;
  pipelineNodeName: string;
  pipelineRole: C.PipelineRole;
  ionId: string | null;
  ionName: string | null;
}

interface AffectedRow {
  root: { id: string; name?: string | null; version?: string | null };
  kind: ImpactRootKind;
  runCount: number;
  runs: AffectedRun[];
  modelVersions: AffectedModelVersion[];
  modelVersionCount: number;
  deployments: Array<AffectedDeployment & NodeRow>;
  trainingNodes: NodeRow[];
}

/** Pipeline nodes and IONs touched: those that trained affected runs or serve affected versions. */
export function touchedNodes(training: readonly NodeRow[], serving: readonly NodeRow[]): { nodes: AffectedPipelineNode[]; ions: AffectedIon[] } {
  const nodes = new Map<string, AffectedPipelineNode>();
  const ions = new Map<string, AffectedIon>();
  const add = (row: NodeRow, as: 'trains' | 'serves') => {
    const node = nodes.get(row.pipelineNodeId) ?? {
      id: row.pipelineNodeId,
      name: row.pipelineNodeName,
      role: row.pipelineRole,
      ionId: row.ionId,
      trains: false,
      serves: false,
    };
    node[as] = true;
    nodes.set(node.id, node);
    if (row.ionId) ions.set(row.ionId, { id: row.ionId, name: row.ionName ?? row.ionId });
  };
  training.forEach((row) => add(row, 'trains'));
  serving.forEach((row) => add(row, 'serves'));
  const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
  return { nodes: [...nodes.values()].sort(byId), ions: [...ions.values()].sort(byId) };
}

/**
 * Where the newest affected prediction's time comes from: the counters maintained at ingest
 * (one index seek per version), or every USED link of the versions (the reference, kept to
 * check the counters against: same answer, cost growing with history).
 */
export type ImpactSource = 'counters' | 'predictions';

/** Impact analysis: what a change or a problem in some data reaches downstream. */
export class ImpactService {
  constructor(
    private readonly runner: QueryRunner,
    /** Tests lower it to exercise the index-ordered plan on a small graph. */
    private readonly expandLimit: number = EXPAND_LIMIT,
    private readonly source: ImpactSource = 'counters',
  ) {}

  /** Everything downstream of `nodeId` (dataset version, dataset or feature); NOT_FOUND otherwise. */
  async impact(nodeId: string, first: number, after?: string | null): Promise<ImpactView> {
    checkFirst(first, MAX_PREDICTION_PAGE);
    const cursor = decodeCursor(after);
    const [row] = await runRows<AffectedRow>(this.runner, 'impact/affected', { nodeId, cap: int(IMPACT_LIST_CAP) });
    if (!row) throw new LineageError(ErrorCode.NOT_FOUND, `No dataset, dataset version or feature with id '${nodeId}'`);
    const predictionCount = row.modelVersions.reduce((sum, mv) => sum + mv.predictionCount, 0);
    const { nodes, ions } = touchedNodes(row.trainingNodes, row.deployments);
    const modelVersionIds = row.modelVersions.filter((mv) => mv.predictionCount > 0).map((mv) => mv.id);
    const predictions = await this.predictionPage(modelVersionIds, predictionCount, first, cursor);
    return {
      rootId: row.root.id,
      rootKind: row.kind,
      rootName: row.root.name ?? row.root.version ?? null,
      runCount: row.runCount,
      runs: row.runs,
      modelVersionCount: row.modelVersionCount,
      modelVersions: row.modelVersions,
      deployments: row.deployments.map(({ id, role, from, to, modelVersionId, pipelineNodeId }) => ({ id, role, from, to, modelVersionId, pipelineNodeId })),
      pipelineNodes: nodes,
      ions,
      predictionCount,
      truncated: row.runCount > row.runs.length || row.modelVersionCount > row.modelVersions.length || row.deployments.length >= IMPACT_LIST_CAP,
      listCap: IMPACT_LIST_CAP,
      predictions,
    };
  }

  /**
   * True when the affected predictions are under half of all: then they may sit in an old time
   * range, and reading their newest time once (one `at` per USED link) beats walking every
   * newer prediction in the index. At half or more, newest-first pages are dense from the start.
   */
  private async isSparse(affected: number): Promise<boolean> {
    const [row] = await runRows<{ total: number }>(this.runner, 'impact/prediction-total', {});
    return affected < DENSE_SHARE * (row?.total ?? 0);
  }

  private async predictionPage(modelVersionIds: string[], total: number, first: number, cursor: readonly [string, string] | null) {
    if (modelVersionIds.length === 0) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const byModel = total <= this.expandLimit;
    let before: readonly [string, string] = cursor ?? [FAR_FUTURE, ''];
    if (!byModel && !cursor && (await this.isSparse(total))) {
      // Start the index walk at the newest affected prediction, not at the newest of all.
      const latestUse = this.source === 'counters' ? 'impact/latest-use-counted' : 'impact/latest-use';
      const [row] = await runRows<{ latest: string | null }>(this.runner, latestUse, { modelVersionIds });
      if (!row?.latest) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
      // One millisecond later, so the newest (and any sub-millisecond tie) is on the first page.
      before = [new Date(Date.parse(row.latest) + 1).toISOString(), ''];
    }
    const rows = await runRows<AffectedPrediction>(this.runner, byModel ? 'impact/predictions-by-model' : 'impact/predictions-by-time', {
      modelVersionIds,
      beforeAt: before[0],
      beforeId: before[1],
      limit: int(first + 1),
    });
    const page = pageOfFetched(rows, (p) => [p.at, p.id], first);
    return {
      edges: page.items.map((node, i) => ({ cursor: page.cursors[i]!, node })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}
