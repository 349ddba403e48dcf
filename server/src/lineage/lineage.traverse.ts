/**
 * Pure lineage-walk logic, free of I/O: which relationship types to follow in which direction,
 * when a neighbour group becomes an aggregate, and how hop results accumulate into one graph.
 * The service feeds it the rows of `lineage/expand`, one hop at a time.
 */
import { UnreachableCaseError } from '../errors';

export type LineageDirection = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';

/**
 * How a stored relationship relates to causality. `EFFECT_TO_CAUSE`: the start node came from
 * (or depends on) the end node, e.g. `(Prediction)-[:MADE_BY]->(Run)`; walking it forward goes
 * upstream. `CAUSE_TO_EFFECT`: the start node made the end node, e.g. `(Run)-[:PRODUCED]->(ModelVersion)`;
 * walking it forward goes downstream.
 */
export type Causality = 'EFFECT_TO_CAUSE' | 'CAUSE_TO_EFFECT';

export interface RelationSpec {
  /** Stored start and end labels (documentation, and the aggregate type of a fan-in). */
  from: string[];
  to: string[];
  causality: Causality;
}

/** Every lineage relationship of the graph model (DESIGN.md) with its causal direction. */
export const RELATIONS = {
  MADE_BY: { from: ['Prediction'], to: ['Run'], causality: 'EFFECT_TO_CAUSE' },
  USED: { from: ['Prediction'], to: ['ModelVersion'], causality: 'EFFECT_TO_CAUSE' },
  DURING: { from: ['Event'], to: ['Run'], causality: 'EFFECT_TO_CAUSE' },
  OF_NODE: { from: ['Run'], to: ['PipelineNode'], causality: 'EFFECT_TO_CAUSE' },
  IN_INSTANCE: { from: ['Run'], to: ['IONInstance'], causality: 'EFFECT_TO_CAUSE' },
  INSTANCE_OF: { from: ['IONInstance'], to: ['ION'], causality: 'EFFECT_TO_CAUSE' },
  VERSION_OF: { from: ['DatasetVersion', 'ModelVersion'], to: ['Dataset', 'Model'], causality: 'EFFECT_TO_CAUSE' },
  DERIVED_FROM: { from: ['Feature', 'Column'], to: ['Dataset', 'Column'], causality: 'EFFECT_TO_CAUSE' },
  COLUMN_OF: { from: ['Column'], to: ['Dataset'], causality: 'EFFECT_TO_CAUSE' },
  READ: { from: ['Run'], to: ['DatasetVersion'], causality: 'EFFECT_TO_CAUSE' },
  USED_FEATURE: { from: ['Run'], to: ['Feature'], causality: 'EFFECT_TO_CAUSE' },
  HAS_MEMBER: { from: ['ModelVersion'], to: ['ModelVersion'], causality: 'EFFECT_TO_CAUSE' },
  REVIEWS: { from: ['Approval'], to: ['ModelVersion'], causality: 'EFFECT_TO_CAUSE' },
  FOR_ION: { from: ['Approval'], to: ['ION'], causality: 'EFFECT_TO_CAUSE' },
  BY_RUN: { from: ['Approval'], to: ['Run'], causality: 'EFFECT_TO_CAUSE' },
  DEPLOYS: { from: ['Deployment'], to: ['ModelVersion'], causality: 'EFFECT_TO_CAUSE' },
  TO_NODE: { from: ['Deployment'], to: ['PipelineNode'], causality: 'EFFECT_TO_CAUSE' },
  AUTHORIZED_BY: { from: ['Deployment'], to: ['Approval'], causality: 'EFFECT_TO_CAUSE' },
  LOADED: { from: ['Run'], to: ['ModelVersion'], causality: 'EFFECT_TO_CAUSE' },
  TRIGGERED_BY: { from: ['Run'], to: ['Principal'], causality: 'EFFECT_TO_CAUSE' },
  UPLOADED_BY: { from: ['ModelVersion'], to: ['Principal'], causality: 'EFFECT_TO_CAUSE' },
  HAS_NODE: { from: ['ION'], to: ['PipelineNode'], causality: 'CAUSE_TO_EFFECT' },
  HAS_STAGE: { from: ['Run'], to: ['Stage'], causality: 'CAUSE_TO_EFFECT' },
  FEEDS: { from: ['Stage'], to: ['Stage'], causality: 'CAUSE_TO_EFFECT' },
  PRODUCED: { from: ['Run'], to: ['ModelVersion'], causality: 'CAUSE_TO_EFFECT' },
  DECIDED: { from: ['Principal'], to: ['Approval'], causality: 'CAUSE_TO_EFFECT' },
  SENDS: { from: ['PipelineNode'], to: ['PipelineNode'], causality: 'CAUSE_TO_EFFECT' },
} as const satisfies Record<string, RelationSpec>;

export type RelType = keyof typeof RELATIONS;
export const REL_TYPES = Object.keys(RELATIONS) as RelType[];

/** Every node type a walk can return: the labels the table joins, plus aggregates. */
export const NODE_TYPES: ReadonlySet<string> = new Set([...REL_TYPES.flatMap((rel) => [...RELATIONS[rel].from, ...RELATIONS[rel].to]), 'Aggregate']);

export function isRelType(value: string): value is RelType {
  return Object.hasOwn(RELATIONS, value);
}

/** Relationship types to walk outgoing and incoming for one direction: the single traverse rule. */
export function typesFor(direction: LineageDirection): { outTypes: RelType[]; inTypes: RelType[] } {
  const forward = (causality: Causality) => REL_TYPES.filter((rel) => RELATIONS[rel].causality === causality);
  switch (direction) {
    case 'UPSTREAM':
      return { outTypes: forward('EFFECT_TO_CAUSE'), inTypes: forward('CAUSE_TO_EFFECT') };
    case 'DOWNSTREAM':
      return { outTypes: forward('CAUSE_TO_EFFECT'), inTypes: forward('EFFECT_TO_CAUSE') };
    case 'BOTH':
      return { outTypes: [...REL_TYPES], inTypes: [...REL_TYPES] };
    default:
      throw new UnreachableCaseError(direction);
  }
}

/** The hard cap on depth; deeper requests are answered at this depth and say so. */
export const MAX_DEPTH = 10;
/** Most nodes one walk returns; beyond it the walk stops and reports a truncation. */
export const MAX_NODES = 2_000;
/** Most frontier nodes one hop expands (a BOTH walk floods); the rest are left unexpanded. */
export const MAX_FRONTIER = 500;

/** Clamps the requested depth; `capped` tells the client its request was cut. */
export function clampDepth(requested: number): { depth: number; capped: boolean } {
  const depth = Math.max(0, Math.floor(requested));
  return depth > MAX_DEPTH ? { depth: MAX_DEPTH, capped: true } : { depth, capped: false };
}

/** Id of the aggregate standing for a node's large neighbour group. */
export function aggregateId(nodeId: string, relType: string, type: string): string {
  return `${nodeId}:${relType}:${type}`;
}

/** The type a high-volume fan-in aggregates, from the stored start/end labels of the relationship. */
export function neighbourTypeOf(relType: RelType, outgoing: boolean): string {
  const spec: RelationSpec = RELATIONS[relType];
  return (outgoing ? spec.to : spec.from)[0]!;
}

/**
 * Which way a relationship leaves a node of `nodeType` toward `neighbourType`: outgoing when the
 * node is a stored start and the neighbour a stored end; incoming otherwise. Self-relations
 * (HAS_MEMBER, FEEDS, SENDS) default to incoming, the direction of their fan-in.
 */
export function inferOutgoing(relType: RelType, nodeType: string, neighbourType: string): boolean {
  const spec: RelationSpec = RELATIONS[relType];
  const canOut = spec.from.includes(nodeType) && spec.to.includes(neighbourType);
  const canIn = spec.to.includes(nodeType) && spec.from.includes(neighbourType);
  return canOut && !canIn;
}

/** A node as the walk returns it. */
export interface LineageNodeData {
  id: string;
  type: string;
  label: string;
  properties: Record<string, unknown>;
  aggregate?: { count: number; relType: string; of: string; outgoing: boolean };
}

export interface LineageEdgeData {
  source: string;
  target: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface Truncation {
  nodeId: string;
  relType: string;
  type: string;
  count: number;
  aggregateId: string;
  outgoing: boolean;
}

/** One neighbour of a hop row, as `lineage/expand` returns it. */
export interface NeighbourRow {
  elementId: string;
  id: string;
  type: string;
  properties: Record<string, unknown>;
  relProperties: Record<string, unknown>;
}

/** One frontier node's result of a hop. */
export interface HopRow {
  elementId: string;
  bulky: Array<{ rel: string; out: boolean; count: number }>;
  groups: Array<{ rel: string; out: boolean; type: string; count: number; neighbours: NeighbourRow[] }>;
}

/** A readable label: names first, then versions, then the id. */
export function labelOf(type: string, id: string, properties: Record<string, unknown>): string {
  const text = (key: string) => (typeof properties[key] === 'string' && properties[key] !== '' ? (properties[key] as string) : undefined);
  switch (type) {
    case 'Run':
      return `${text('kind') ?? 'Run'} ${id}`;
    case 'Prediction':
      return `${text('subjectKey') ?? id} → ${text('output') ?? '?'}`;
    case 'Approval':
      return `${text('decision') ?? 'Decision'} ${id}`;
    case 'Deployment':
      return `${text('role') ?? 'Deployment'} ${id}`;
    case 'Event':
      return `${text('type') ?? 'Event'}: ${text('message') ?? id}`;
    case 'DatasetVersion':
      return text('version') ? `${id} (${text('version')})` : id;
    default:
      return text('name') ?? text('version') ?? id;
  }
}

/**
 * Accumulates hops into one graph with adjacency deduplicated. Nodes are keyed by id, edges by
 * (source, type, target); the frontier of the next hop is the nodes first seen in this hop.
 */
export class LineageAccumulator {
  readonly nodes = new Map<string, LineageNodeData>();
  readonly edges = new Map<string, LineageEdgeData>();
  readonly truncated: Truncation[] = [];
  /** Element id → node id, to name a hop row's frontier node. */
  private readonly idByElement = new Map<string, string>();
  nodeLimitReached = false;

  constructor(root: { elementId: string; id: string; type: string; properties: Record<string, unknown> }) {
    this.addNode(root.elementId, root.id, root.type, root.properties);
  }

  private addNode(elementId: string, id: string, type: string, properties: Record<string, unknown>): boolean {
    this.idByElement.set(elementId, id);
    if (this.nodes.has(id)) return false;
    this.nodes.set(id, { id, type, label: labelOf(type, id, properties), properties });
    return true;
  }

  private addEdge(fromId: string, otherId: string, outgoing: boolean, type: string, properties: Record<string, unknown>): void {
    const [source, target] = outgoing ? [fromId, otherId] : [otherId, fromId];
    const key = `${source}\u0000${type}\u0000${target}`;
    if (!this.edges.has(key)) this.edges.set(key, { source, target, type, properties });
  }

  private addAggregate(fromId: string, relType: string, outgoing: boolean, of: string, count: number): void {
    const id = aggregateId(fromId, relType, of);
    if (!this.nodes.has(id)) {
      this.nodes.set(id, {
        id,
        type: 'Aggregate',
        label: `${count.toLocaleString('en')} × ${of}`,
        properties: {},
        aggregate: { count, relType, of, outgoing },
      });
      this.truncated.push({ nodeId: fromId, relType, type: of, count, aggregateId: id, outgoing });
    }
    this.addEdge(fromId, id, outgoing, relType, {});
  }

  /** Folds one hop's rows in; returns the element ids of nodes first seen (the next frontier). */
  applyHop(rows: readonly HopRow[], limit: number): string[] {
    const next: string[] = [];
    for (const row of rows) {
      const fromId = this.idByElement.get(row.elementId);
      if (fromId === undefined) continue;
      for (const bulk of row.bulky) {
        if (!isRelType(bulk.rel)) continue;
        this.addAggregate(fromId, bulk.rel, bulk.out, neighbourTypeOf(bulk.rel, bulk.out), bulk.count);
      }
      for (const group of row.groups) {
        if (group.count > limit || group.neighbours.length > limit) {
          this.addAggregate(fromId, group.rel, group.out, group.type, group.count);
          continue;
        }
        for (const neighbour of group.neighbours) {
          if (!this.nodes.has(neighbour.id) && this.nodes.size >= MAX_NODES) {
            this.nodeLimitReached = true;
            break;
          }
          if (this.addNode(neighbour.elementId, neighbour.id, neighbour.type, neighbour.properties)) next.push(neighbour.elementId);
          this.addEdge(fromId, neighbour.id, group.out, group.rel, neighbour.relProperties);
        }
      }
    }
    return next;
  }
}

/**
 * Keeps the nodes of the requested types (always the root and aggregates of those types), and
 * the edges whose both ends are kept. The walk itself goes through every type, so a filter for
 * `Dataset` still finds datasets behind runs and model versions.
 */
export function filterByTypes(
  rootId: string,
  nodes: LineageNodeData[],
  edges: LineageEdgeData[],
  types: readonly string[] | null | undefined,
): { nodes: LineageNodeData[]; edges: LineageEdgeData[] } {
  if (!types || types.length === 0) return { nodes, edges };
  const wanted = new Set(types);
  const kept = nodes.filter((node) => node.id === rootId || wanted.has(node.type) || (node.aggregate !== undefined && wanted.has(node.aggregate.of)));
  const keptIds = new Set(kept.map((node) => node.id));
  return { nodes: kept, edges: edges.filter((edge) => keptIds.has(edge.source) && keptIds.has(edge.target)) };
}
