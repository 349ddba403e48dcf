/**
 * GraphModel → Cytoscape element definitions. Edges are drawn in causal order (cause → effect)
 * so a left-to-right layout reads as the story of the prediction; the stored direction stays in
 * the edge data for the details panel.
 */
import type { ElementDefinition } from 'cytoscape';
import { edgeKey, flowOf, type GraphModel } from './model';

export interface ElementOptions {
  /** Extra classes per node id (e.g. `differs` for a control prediction that disagrees). */
  classes?: ReadonlyMap<string, string>;
  /** Extra classes per edge key (e.g. `path` for the edges of a highlighted path). */
  edgeClasses?: ReadonlyMap<string, string>;
  /** Longest label drawn under a node; the full one is in `label`. */
  maxLabel?: number;
}

/** Shortens a label to `max` characters with an ellipsis. */
export function shorten(label: string, max: number): string {
  return label.length <= max ? label : `${label.slice(0, Math.max(1, max - 1))}…`;
}

/** Nodes then edges, in model order; ids are the graph ids (edges: source|type|target). */
export function toElements(model: GraphModel, options: ElementOptions = {}): ElementDefinition[] {
  const max = options.maxLabel ?? 32;
  const elements: ElementDefinition[] = [];
  for (const node of model.nodes.values()) {
    const classes = [node.id === model.rootId ? 'root' : '', options.classes?.get(node.id) ?? ''].filter(Boolean).join(' ');
    elements.push({
      group: 'nodes',
      data: { id: node.id, type: node.type, label: node.label, short: shorten(node.label, max), count: node.aggregate?.count ?? null },
      classes,
    });
  }
  for (const edge of model.edges.values()) {
    const { from, to } = flowOf(edge);
    const key = edgeKey(edge);
    elements.push({ group: 'edges', data: { id: key, source: from, target: to, type: edge.type, storedSource: edge.source, storedTarget: edge.target }, classes: options.edgeClasses?.get(key) ?? '' });
  }
  return elements;
}
