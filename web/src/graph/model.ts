/**
 * The web graph model: nodes and edges keyed in Maps (adjacency is derived on demand), plus the
 * causal direction of every relationship type, so drawings flow from causes to effects whatever
 * way a relationship is stored. Pure and framework-free.
 */

/** A neighbour group the server returned as one node (e.g. a run's predictions). */
export interface AggregateInfo {
  count: number;
  relType: string;
  /** Type of the aggregated neighbours. */
  of: string;
  /** True when the stored relationship goes from the parent to the neighbours. */
  outgoing: boolean;
  /** Members already drawn (paged in with lineageNeighbours). */
  loaded?: number;
  /** Cursor of the next page, when members were paged in. */
  endCursor?: string | null;
  hasNextPage?: boolean;
}

export interface GraphNode {
  id: string;
  /** Node label in Neo4j (Dataset, Run, …) or "Aggregate". */
  type: string;
  label: string;
  properties: Record<string, unknown>;
  aggregate?: AggregateInfo | null;
  /** Compound parent: a stage drawn inside its run once the run's stage DAG is shown. */
  parent?: string | null;
  /** The aggregate a paged-in member came from (its siblings are laid out as a grid). */
  group?: string | null;
}

/** A stored relationship, from its start node (source) to its end node (target). */
export interface GraphEdge {
  source: string;
  target: string;
  type: string;
  properties?: Record<string, unknown>;
}

/** What the API returns for drawing: `lineage`, `lineageNeighbours` and `why.subgraph` all fit. */
export interface GraphData {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

export interface GraphModel {
  rootId: string | null;
  nodes: ReadonlyMap<string, GraphNode>;
  edges: ReadonlyMap<string, GraphEdge>;
}

/** Node types in causal order (left to right in a drawing); the legend and filters use it. */
export const NODE_TYPES = [
  'Dataset',
  'DatasetVersion',
  'Feature',
  'Principal',
  'Run',
  'Stage',
  'Model',
  'ModelVersion',
  'Approval',
  'ION',
  'IONInstance',
  'PipelineNode',
  'Deployment',
  'Event',
  'Prediction',
  'Aggregate',
] as const;

/**
 * `effect`: the stored start node depends on the end node (Prediction -MADE_BY-> Run), so the
 * causal flow runs end → start. `cause`: the start node made the end node (Run -PRODUCED-> ModelVersion).
 * Mirrors server/src/lineage/lineage.traverse.ts RELATIONS.
 */
const STORED_START_IS: Record<string, 'effect' | 'cause'> = {
  MADE_BY: 'effect',
  USED: 'effect',
  DURING: 'effect',
  OF_NODE: 'effect',
  IN_INSTANCE: 'effect',
  INSTANCE_OF: 'effect',
  VERSION_OF: 'effect',
  DERIVED_FROM: 'effect',
  READ: 'effect',
  USED_FEATURE: 'effect',
  HAS_MEMBER: 'effect',
  REVIEWS: 'effect',
  FOR_ION: 'effect',
  BY_RUN: 'effect',
  DEPLOYS: 'effect',
  TO_NODE: 'effect',
  AUTHORIZED_BY: 'effect',
  LOADED: 'effect',
  TRIGGERED_BY: 'effect',
  UPLOADED_BY: 'effect',
  HAS_NODE: 'cause',
  HAS_STAGE: 'cause',
  FEEDS: 'cause',
  PRODUCED: 'cause',
  DECIDED: 'cause',
  SENDS: 'cause',
};

/** The edge in causal order: `from` is the cause, `to` the effect (unknown types keep storage order). */
export function flowOf(edge: GraphEdge): { from: string; to: string } {
  return STORED_START_IS[edge.type] === 'effect' ? { from: edge.target, to: edge.source } : { from: edge.source, to: edge.target };
}

/** Stable key of a stored relationship. */
export function edgeKey(edge: GraphEdge): string {
  return `${edge.source}|${edge.type}|${edge.target}`;
}

/** A model from API data; duplicate nodes and edges collapse to one. */
export function fromGraphData(data: GraphData, rootId: string | null = null): GraphModel {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  for (const node of data.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  for (const edge of data.edges) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.set(edgeKey(edge), edge);
  return { rootId, nodes, edges };
}

/** Node count per type, in NODE_TYPES order (unknown types last). */
export function countByType(model: GraphModel): Array<{ type: string; count: number }> {
  const counts = new Map<string, number>();
  for (const node of model.nodes.values()) counts.set(node.type, (counts.get(node.type) ?? 0) + 1);
  const order = (type: string) => {
    const i = (NODE_TYPES as readonly string[]).indexOf(type);
    return i < 0 ? NODE_TYPES.length : i;
  };
  return [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => order(a.type) - order(b.type) || a.type.localeCompare(b.type));
}
