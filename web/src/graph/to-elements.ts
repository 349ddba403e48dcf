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

/** Class of the invisible edges that only steer the layout (see `layoutEdges`). */
export const LAYOUT_ONLY = 'layout-only';

/**
 * Nodes then edges, in model order; ids are the graph ids (edges: source|type|target). A node
 * whose `parent` is drawn becomes its compound child (a run's stages); the edge joining child
 * and parent is then implied by the nesting and left out.
 */
export function toElements(model: GraphModel, options: ElementOptions = {}): ElementDefinition[] {
  const max = options.maxLabel ?? 32;
  const elements: ElementDefinition[] = [];
  const parentOf = (id: string) => {
    const parent = model.nodes.get(id)?.parent;
    return parent && model.nodes.has(parent) ? parent : null;
  };
  for (const node of model.nodes.values()) {
    const classes = [node.id === model.rootId ? 'root' : '', options.classes?.get(node.id) ?? ''].filter(Boolean).join(' ');
    const data: ElementDefinition['data'] = {
      id: node.id,
      type: node.type,
      label: node.label,
      short: shorten(node.label, max),
      count: node.aggregate?.count ?? null,
    };
    const parent = parentOf(node.id);
    if (parent) data.parent = parent;
    if (node.group) data.group = node.group;
    elements.push({ group: 'nodes', data, classes });
  }
  const drawn: Array<{ from: string; to: string }> = [];
  for (const edge of model.edges.values()) {
    const { from, to } = flowOf(edge);
    if (parentOf(from) === to || parentOf(to) === from) continue;
    const key = edgeKey(edge);
    drawn.push({ from, to });
    elements.push({
      group: 'edges',
      data: { id: key, source: from, target: to, type: edge.type, storedSource: edge.source, storedTarget: edge.target },
      classes: options.edgeClasses?.get(key) ?? '',
    });
  }
  for (const hint of layoutEdges(model, drawn, parentOf)) {
    elements.push({ group: 'edges', data: { id: `layout|${hint.from}|${hint.to}`, source: hint.from, target: hint.to, type: 'layout' }, classes: LAYOUT_ONLY });
  }
  return elements;
}

/**
 * dagre ignores edges that touch a compound node, so a run drawn with its stages would float
 * free of its causes and effects. These invisible edges stand in for them: a cause of the run
 * leads to the run's first stage, the last stage leads to each effect.
 */
function layoutEdges(
  model: GraphModel,
  drawn: ReadonlyArray<{ from: string; to: string }>,
  parentOf: (id: string) => string | null,
): Array<{ from: string; to: string }> {
  const children = new Map<string, string[]>();
  for (const id of model.nodes.keys()) {
    const parent = parentOf(id);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  if (children.size === 0) return [];
  const firstAndLast = new Map<string, { first: string; last: string }>();
  for (const [parent, kids] of children) {
    const inner = new Set(kids);
    const hasCause = new Set(drawn.filter((e) => inner.has(e.from) && inner.has(e.to)).map((e) => e.to));
    const hasEffect = new Set(drawn.filter((e) => inner.has(e.from) && inner.has(e.to)).map((e) => e.from));
    firstAndLast.set(parent, { first: kids.find((k) => !hasCause.has(k)) ?? kids[0]!, last: kids.find((k) => !hasEffect.has(k)) ?? kids.at(-1)! });
  }
  const hints = new Map<string, { from: string; to: string }>();
  for (const { from, to } of drawn) {
    const from_ = firstAndLast.get(from)?.last ?? from;
    const to_ = firstAndLast.get(to)?.first ?? to;
    if (from_ !== from || to_ !== to) hints.set(`${from_}|${to_}`, { from: from_, to: to_ });
  }
  return [...hints.values()];
}
