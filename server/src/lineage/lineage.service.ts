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
 * Walks lineage from any node. One query finds the root (a unique-index seek per label), then
 * one bounded query per hop expands the whole frontier at once, so a depth-10 walk costs at
 * most eleven short round trips whatever the graph's size. Direction rules live in
 * `lineage.traverse.ts`; this class only does the I/O.
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
    let frontier = [root.elementId];
    let walked = 0;
    while (walked < depth && frontier.length > 0 && !graph.nodeLimitReached) {
      if (frontier.length > MAX_FRONTIER) {
        graph.nodeLimitReached = true;
        frontier = frontier.slice(0, MAX_FRONTIER);
      }
      const rows = await this.runner.run<HopRow & Record<string, unknown>>('lineage/expand', {
        ids: frontier,
        outTypes,
        inTypes,
        limit,
        asOf: request.asOf ?? null,
      });
      frontier = graph.applyHop(rows, limit);
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

  private async findNode(nodeId: string): Promise<FoundNode> {
    if (!nodeId) throw badInput([{ path: 'nodeId', message: 'must not be empty' }]);
    const [found] = await this.runner.run<FoundNode & Record<string, unknown>>('lineage/find-node', { id: nodeId });
    if (!found) throw new LineageError(ErrorCode.NOT_FOUND, `No node with id '${nodeId}'.`);
    return found;
  }
}
