/**
 * The shortest path between two drawn nodes, ignoring edge direction: "how are these two
 * connected?" is the question, whichever causes the other. Pure and framework-free.
 */
import { edgeKey, type GraphModel } from './model';

export interface GraphPath {
  /** Node ids from `fromId` to `toId`, both included. */
  nodes: string[];
  /** Keys (edgeKey) of the edges walked, in order. */
  edges: string[];
}

/**
 * Breadth-first search over the model's edges in both directions; ties go to the edge met first
 * in model order, so the answer is stable. Null when either node is missing or they are not
 * connected; a node to itself is a path of one node and no edges.
 */
export function shortestPath(model: GraphModel, fromId: string, toId: string): GraphPath | null {
  if (!model.nodes.has(fromId) || !model.nodes.has(toId)) return null;
  const adjacency = new Map<string, Array<{ next: string; key: string }>>();
  const link = (a: string, b: string, key: string) => adjacency.set(a, [...(adjacency.get(a) ?? []), { next: b, key }]);
  for (const edge of model.edges.values()) {
    const key = edgeKey(edge);
    link(edge.source, edge.target, key);
    link(edge.target, edge.source, key);
  }
  const via = new Map<string, { prev: string; key: string } | null>([[fromId, null]]);
  const queue = [fromId];
  for (let head = 0; head < queue.length && !via.has(toId); head++) {
    const current = queue[head]!;
    for (const { next, key } of adjacency.get(current) ?? []) {
      if (via.has(next)) continue;
      via.set(next, { prev: current, key });
      queue.push(next);
    }
  }
  if (!via.has(toId)) return null;
  const nodes = [toId];
  const edges: string[] = [];
  for (let step = via.get(toId); step; step = via.get(step.prev)) {
    nodes.push(step.prev);
    edges.push(step.key);
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}
