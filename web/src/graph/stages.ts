/**
 * A run's level-1 stage DAG drawn inside the run: the stages become compound children of the run
 * node, with the FEEDS edges between them. Pure; the explorer fetches `runStages` and calls these.
 */
import { edgeKey, type GraphEdge, type GraphModel, type GraphNode } from './model';

/** What `runStages` returns that the drawing needs. */
export interface RunStages {
  stages: ReadonlyArray<{ id: string; name: string; type: string; stats?: Record<string, unknown> | null }>;
  edges: ReadonlyArray<{ from: string; to: string }>;
}

/**
 * Puts the run's stages inside the run: stage nodes (new or already drawn as neighbours) get
 * `parent: runId`, FEEDS edges join them, and an aggregate of the run's stages is dropped (every
 * stage is now drawn). A run not in the model leaves the model as it is.
 */
export function nestStages(model: GraphModel, runId: string, view: RunStages): GraphModel {
  if (!model.nodes.has(runId) || view.stages.length === 0) return model;
  const nodes = new Map(model.nodes);
  const edges = new Map(model.edges);
  for (const [id, node] of model.nodes) {
    if (
      node.aggregate?.relType === 'HAS_STAGE' &&
      [...model.edges.values()].some((e) => (e.source === runId && e.target === id) || (e.target === runId && e.source === id))
    ) {
      nodes.delete(id);
      for (const [key, e] of model.edges) if (e.source === id || e.target === id) edges.delete(key);
    }
  }
  for (const stage of view.stages) {
    const existing = nodes.get(stage.id);
    const node: GraphNode = existing ?? {
      id: stage.id,
      type: 'Stage',
      label: stage.name,
      properties: { id: stage.id, name: stage.name, type: stage.type, ...(stage.stats ? { stats: stage.stats } : {}) },
    };
    nodes.set(stage.id, { ...node, parent: runId });
    // Kept in the model (collapse walks edges to find what stays); the drawing implies it by nesting.
    const owner: GraphEdge = { source: runId, target: stage.id, type: 'HAS_STAGE' };
    edges.set(edgeKey(owner), owner);
  }
  for (const feed of view.edges) {
    if (!nodes.has(feed.from) || !nodes.has(feed.to)) continue;
    const edge: GraphEdge = { source: feed.from, target: feed.to, type: 'FEEDS' };
    edges.set(edgeKey(edge), edge);
  }
  return { rootId: model.rootId, nodes, edges };
}

/** Takes the stages back out of the run (and out of the drawing). */
export function unnestStages(model: GraphModel, runId: string): GraphModel {
  const gone = new Set([...model.nodes.values()].filter((n) => n.parent === runId).map((n) => n.id));
  if (gone.size === 0) return model;
  const nodes = new Map([...model.nodes].filter(([id]) => !gone.has(id)));
  const edges = new Map([...model.edges].filter(([, e]) => !gone.has(e.source) && !gone.has(e.target)));
  return { rootId: model.rootId, nodes, edges };
}

/** Runs whose stages are drawn inside them. */
export function nestedRuns(model: GraphModel): Set<string> {
  const runs = new Set<string>();
  for (const node of model.nodes.values()) if (node.parent && model.nodes.has(node.parent)) runs.add(node.parent);
  return runs;
}
