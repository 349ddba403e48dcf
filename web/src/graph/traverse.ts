/**
 * Pure operations on a GraphModel: merge what the API returned, find causes and effects,
 * collapse a side of a node, filter by type, page aggregate members in. Every function returns
 * a new model and leaves its input untouched, so React state stays simple.
 */
import { edgeKey, flowOf, type GraphData, type GraphModel, type GraphNode } from './model';

export type Direction = 'UPSTREAM' | 'DOWNSTREAM' | 'BOTH';

/** Adds nodes and edges not yet in the model; existing nodes keep their state (e.g. paging). */
export function mergeGraph(model: GraphModel, data: GraphData): { model: GraphModel; added: string[] } {
  const nodes = new Map(model.nodes);
  const edges = new Map(model.edges);
  const added: string[] = [];
  for (const node of data.nodes) {
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, node);
    added.push(node.id);
  }
  for (const edge of data.edges) if (nodes.has(edge.source) && nodes.has(edge.target)) edges.set(edgeKey(edge), edge);
  return { model: { rootId: model.rootId ?? data.nodes[0]?.id ?? null, nodes, edges }, added };
}

/** Ids one hop from `id`: its causes (UPSTREAM), its effects (DOWNSTREAM) or both. */
export function neighbours(model: GraphModel, id: string, direction: Direction): string[] {
  const out = new Set<string>();
  for (const edge of model.edges.values()) {
    const { from, to } = flowOf(edge);
    if (to === id && direction !== 'DOWNSTREAM') out.add(from);
    if (from === id && direction !== 'UPSTREAM') out.add(to);
  }
  out.delete(id);
  return [...out];
}

/**
 * Hides one side of a node: drops the edges to its causes (UPSTREAM) or effects (DOWNSTREAM),
 * then every node no longer connected to the root. Nodes also reachable another way stay.
 */
export function collapse(model: GraphModel, id: string, direction: Direction): GraphModel {
  const cut = (key: string) => {
    const edge = model.edges.get(key)!;
    const { from, to } = flowOf(edge);
    return (to === id && direction !== 'DOWNSTREAM') || (from === id && direction !== 'UPSTREAM');
  };
  const kept = new Map([...model.edges].filter(([key]) => !cut(key)));
  const adjacency = new Map<string, string[]>();
  for (const edge of kept.values()) {
    adjacency.set(edge.source, [...(adjacency.get(edge.source) ?? []), edge.target]);
    adjacency.set(edge.target, [...(adjacency.get(edge.target) ?? []), edge.source]);
  }
  const start = model.rootId && model.nodes.has(model.rootId) ? model.rootId : id;
  const seen = new Set<string>([start, id]);
  const queue = [start, id];
  while (queue.length > 0) {
    for (const next of adjacency.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const nodes = new Map([...model.nodes].filter(([nodeId]) => seen.has(nodeId)));
  const edges = new Map([...kept].filter(([, edge]) => seen.has(edge.source) && seen.has(edge.target)));
  return { rootId: model.rootId, nodes, edges };
}

/** Keeps nodes whose type is not hidden (the root always stays) and edges between kept nodes. */
export function filterTypes(model: GraphModel, hidden: ReadonlySet<string>): GraphModel {
  if (hidden.size === 0) return model;
  const nodes = new Map([...model.nodes].filter(([id, node]) => id === model.rootId || !hidden.has(node.type)));
  const edges = new Map([...model.edges].filter(([, edge]) => nodes.has(edge.source) && nodes.has(edge.target)));
  return { rootId: model.rootId, nodes, edges };
}

/** The node an aggregate hangs off (the stored end of its one edge that is not the aggregate). */
export function aggregateParent(model: GraphModel, aggregateId: string): string | null {
  for (const edge of model.edges.values()) {
    if (edge.source === aggregateId) return edge.target;
    if (edge.target === aggregateId) return edge.source;
  }
  return null;
}

/**
 * Draws one page of an aggregate's members beside it and updates its paging state; once the
 * last page is in, the aggregate disappears (every member is then drawn).
 */
export function addAggregatePage(model: GraphModel, aggregateId: string, page: GraphData & { endCursor: string | null; hasNextPage: boolean }): GraphModel {
  const aggregate = model.nodes.get(aggregateId);
  if (!aggregate?.aggregate) return model;
  // Members remember their aggregate, so the layout can arrange them as one grid.
  const members = page.nodes.map((node) => ({ ...node, group: aggregateId }));
  const merged = mergeGraph(model, { nodes: members, edges: page.edges }).model;
  const nodes = new Map(merged.nodes);
  if (!page.hasNextPage) {
    nodes.delete(aggregateId);
    const edges = new Map([...merged.edges].filter(([, e]) => e.source !== aggregateId && e.target !== aggregateId));
    return { rootId: model.rootId, nodes, edges };
  }
  const loaded = (aggregate.aggregate.loaded ?? 0) + page.nodes.length;
  const info = { ...aggregate.aggregate, loaded, endCursor: page.endCursor, hasNextPage: page.hasNextPage };
  const updated: GraphNode = { ...aggregate, aggregate: info, label: aggregateLabel(info.count, info.of, loaded) };
  nodes.set(aggregateId, updated);
  return { rootId: model.rootId, nodes, edges: merged.edges };
}

/** "2,400 × Prediction", or "2,300 more × Prediction" once some are drawn. */
export function aggregateLabel(count: number, of: string, loaded = 0): string {
  return loaded > 0 ? `${(count - loaded).toLocaleString('en')} more × ${of}` : `${count.toLocaleString('en')} × ${of}`;
}
