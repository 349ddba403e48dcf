import { ErrorCode, LineageError, badInput } from '../errors';
import type { QueryRunner } from '../store/executor';
import {
  clampDepth,
  filterByTypes,
  inferOutgoing,
  isRelType,
  labelOf,
  LineageAccumulator,
  MAX_DEPTH,
  MAX_FRONTIER,
  MAX_NODES,
  NODE_TYPES,
  typesFor,
  type HopRow,
  type LineageDirection,
  type LineageEdgeData,
  type LineageNodeData,
  type NeighbourRow,
  type Truncation,
} from './lineage.traverse';

export interface LineageRequest {
  nodeId: string;
  direction?: LineageDirection;
  depth?: number;
  types?: readonly string[] | null;
  asOf?: string | null;
  neighbourLimit?: number;
}

export interface LineageResult {
  root: LineageNodeData;
  nodes: LineageNodeData[];
  edges: LineageEdgeData[];
  depth: number;
  depthCapped: boolean;
  maxDepth: number;
  truncated: Truncation[];
  nodeLimitReached: boolean;
}

export interface NeighbourPageRequest {
  nodeId: string;
  relType: string;
  type: string;
  first?: number;
  after?: string | null;
  outgoing?: boolean | null;
  asOf?: string | null;
}

export interface NeighbourPage {
  nodes: LineageNodeData[];
  edges: LineageEdgeData[];
  endCursor: string | null;
  hasNextPage: boolean;
}

interface WalkParams {
  outTypes: string[];
  inTypes: string[];
  limit: number;
  asOf: string | null;
}

/** Most neighbours the reach loop collects per hop; past it the hint is partial and the replay expands the rest. */
const REACH_CANDIDATES = 4 * MAX_NODES;

/** Most ids one `lineage/expand` call takes (the query slices its list at this size). */
const EXPAND_BATCH = 1_000;

interface FoundNode {
  elementId: string;
  id: string;
  type: string;
  properties: Record<string, unknown>;
}

export const NEIGHBOUR_LIMIT = { min: 1, max: 500 };
export const PAGE_SIZE = { min: 1, max: 1_000 };

/** From this many predictions on, a fan-in is paged from the Prediction id index (see the query). */
export const DENSE_FAN_IN = 20_000;

/**
 * Walks lineage from any node in three round trips whatever the depth: one query finds the root
 * (a unique-index seek per label), `lineage/reach` finds every node the walk will expand (a
 * bounded breadth-first loop inside Cypher), and `lineage/expand` reads all their neighbour
 * groups in one batch (1,000 nodes a call). The hops are then replayed in memory, so aggregation,
 * node and frontier caps decide exactly as a per-hop walk; a node the hint missed is expanded
 * in one more round trip. Direction rules live in `lineage.traverse.ts`; this class does the I/O.
 */
export class LineageService {
  constructor(
    private readonly runner: QueryRunner,
    /** Tests lower it to page small fan-ins both ways and compare. */
    private readonly denseFanIn = DENSE_FAN_IN,
  ) {}

  async lineage(request: LineageRequest): Promise<LineageResult> {
    const limit = request.neighbourLimit ?? 50;
    if (!Number.isInteger(limit) || limit < NEIGHBOUR_LIMIT.min || limit > NEIGHBOUR_LIMIT.max) {
      throw badInput([{ path: 'neighbourLimit', message: `must be an integer from ${NEIGHBOUR_LIMIT.min} to ${NEIGHBOUR_LIMIT.max}` }]);
    }
    const requested = request.depth ?? 3;
    if (!Number.isInteger(requested) || requested < 0) throw badInput([{ path: 'depth', message: 'must be a non-negative integer' }]);
    const unknown = (request.types ?? []).filter((type) => !NODE_TYPES.has(type));
    if (unknown.length)
      throw badInput(unknown.map((type) => ({ path: 'types', message: `unknown node type '${type}' (known: ${[...NODE_TYPES].sort().join(', ')})` })));
    const { depth, capped } = clampDepth(requested);
    const root = await this.findNode(request.nodeId);
    const { outTypes, inTypes } = typesFor(request.direction ?? 'UPSTREAM');
    const graph = new LineageAccumulator(root);
    const walk: WalkParams = { outTypes, inTypes, limit, asOf: request.asOf ?? null };
    const expanded = new Map<string, HopRow>();
    const fetched = new Set<string>();
    if (depth > 0) {
      // Round trip 2: every node the walk will expand (a hint), whatever the depth.
      const hint =
        depth > 1
          ? await this.runner.run<{ elementId: string }>('lineage/reach', {
              rootId: root.elementId,
              hops: depth - 1,
              ...walk,
              maxNodes: MAX_NODES,
              maxFrontier: MAX_FRONTIER,
              maxCandidates: REACH_CANDIDATES,
            })
          : [{ elementId: root.elementId }];
      // Round trip 3: their neighbour groups, in batches of the expand query's cap.
      await this.expand(
        hint.map((row) => row.elementId),
        walk,
        expanded,
        fetched,
      );
    }
    // Replay the hops over the fetched rows: the accumulator decides exactly as a per-hop walk did.
    let frontier = [root.elementId];
    let walked = 0;
    while (walked < depth && frontier.length > 0 && !graph.nodeLimitReached) {
      if (frontier.length > MAX_FRONTIER) {
        graph.nodeLimitReached = true;
        frontier = frontier.slice(0, MAX_FRONTIER);
      }
      // Only a node the hint missed costs another round trip.
      await this.expand(
        frontier.filter((id) => !fetched.has(id)),
        walk,
        expanded,
        fetched,
      );
      frontier = graph.applyHop(
        frontier.flatMap((id) => expanded.get(id) ?? []),
        limit,
      );
      walked += 1;
    }
    const filtered = filterByTypes(root.id, [...graph.nodes.values()], [...graph.edges.values()], request.types);
    return {
      root: graph.nodes.get(root.id)!,
      nodes: filtered.nodes,
      edges: filtered.edges,
      depth: walked,
      depthCapped: capped,
      maxDepth: MAX_DEPTH,
      truncated: graph.truncated,
      nodeLimitReached: graph.nodeLimitReached,
    };
  }

  /** One page of a neighbour group (the members of an aggregate), in id order. */
  async neighbours(request: NeighbourPageRequest): Promise<NeighbourPage> {
    const first = request.first ?? 100;
    if (!Number.isInteger(first) || first < PAGE_SIZE.min || first > PAGE_SIZE.max) {
      throw badInput([{ path: 'first', message: `must be an integer from ${PAGE_SIZE.min} to ${PAGE_SIZE.max}` }]);
    }
    const relType = request.relType;
    if (!isRelType(relType)) throw badInput([{ path: 'relType', message: `unknown lineage relationship type '${relType}'` }]);
    const node = await this.findNode(request.nodeId);
    const outgoing = request.outgoing ?? inferOutgoing(relType, node.type, request.type);
    const rows = await this.runner.run<NeighbourRow & Record<string, unknown>>('lineage/neighbours', {
      elementId: node.elementId,
      relType,
      outgoing,
      type: request.type,
      after: request.after ?? null,
      first,
      asOf: request.asOf ?? null,
      denseFrom: this.denseFanIn,
    });
    const page = rows.slice(0, first);
    return {
      nodes: page.map((row) => ({ id: row.id, type: row.type, label: labelOf(row.type, row.id, row.properties), properties: row.properties })),
      edges: page.map((row) => ({
        source: outgoing ? node.id : row.id,
        target: outgoing ? row.id : node.id,
        type: relType,
        properties: row.relProperties,
      })),
      endCursor: page.at(-1)?.id ?? null,
      hasNextPage: rows.length > first,
    };
  }

  /** Expands `ids` (not yet fetched) with `lineage/expand`, EXPAND_BATCH at a time, into `rows`. */
  private async expand(ids: readonly string[], walk: WalkParams, rows: Map<string, HopRow>, fetched: Set<string>): Promise<void> {
    const todo = ids.filter((id) => !fetched.has(id));
    for (let at = 0; at < todo.length; at += EXPAND_BATCH) {
      const batch = todo.slice(at, at + EXPAND_BATCH);
      for (const id of batch) fetched.add(id);
      const found = await this.runner.run<HopRow & Record<string, unknown>>('lineage/expand', { ids: batch, ...walk });
      for (const row of found) rows.set(row.elementId, row);
    }
  }

  private async findNode(nodeId: string): Promise<FoundNode> {
    if (!nodeId) throw badInput([{ path: 'nodeId', message: 'must not be empty' }]);
    const [found] = await this.runner.run<FoundNode & Record<string, unknown>>('lineage/find-node', { id: nodeId });
    if (!found) throw new LineageError(ErrorCode.NOT_FOUND, `No node with id '${nodeId}'.`);
    return found;
  }
}
