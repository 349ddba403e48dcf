/**
 * Lineage explorer: from any node, expand causes or effects one hop at a time, collapse them,
 * page aggregate nodes, filter node types, pick depth and layout, fit/zoom, export a PNG or SVG,
 * highlight the shortest path between two nodes. All of it is in the URL (`depth`, `layout`,
 * `hide`, `sel`, `op`, `from`/`to`), so the view can be shared.
 */
import { useMemo, useRef } from 'react';
import { CytoscapeGraph, type GraphHandle } from '../components/CytoscapeGraph';
import { DetailsPanel } from '../components/DetailsPanel';
import { Legend } from '../components/Legend';
import { Status } from '../components/Status';
import { isLayoutName, LAYOUT_NAMES, type LayoutName } from '../graph/layouts';
import { countByType, type GraphNode } from '../graph/model';
import { shortestPath } from '../graph/path';
import { nestedRuns } from '../graph/stages';
import { toElements } from '../graph/to-elements';
import { filterTypes, neighbours } from '../graph/traverse';
import { op, useLineageGraph } from '../hooks/useLineageGraph';
import { useRoute } from '../hooks/useRoute';
import { RunReplayPanel } from '../replay/RunReplayPanel';

const DEPTHS = [1, 2, 3, 4, 5];

export function LineageView({ nodeId }: { nodeId: string }) {
  const { params, setParams } = useRoute();
  const depth = Math.min(5, Math.max(1, Number(params.get('depth')) || 1));
  const layoutParam = params.get('layout');
  const layout: LayoutName = isLayoutName(layoutParam) ? layoutParam : 'dagre';
  const hidden = useMemo(() => new Set((params.get('hide') ?? '').split(',').filter(Boolean)), [params]);
  const ops = params.getAll('op');
  const selected = params.get('sel');
  const { model, loading, error, reload, depthCapped } = useLineageGraph(nodeId, depth, ops);
  const graphRef = useRef<GraphHandle>(null);

  const visible = useMemo(() => (model ? filterTypes(model, hidden) : null), [model, hidden]);
  const pathFrom = params.get('from');
  const pathTo = params.get('to');
  const path = useMemo(() => (visible && pathFrom && pathTo ? shortestPath(visible, pathFrom, pathTo) : null), [visible, pathFrom, pathTo]);
  const elements = useMemo(() => {
    if (!visible) return [];
    if (!path) return toElements(visible);
    const classes = new Map<string, string>();
    // The root keeps its own class beside the path one.
    for (const id of path.nodes) classes.set(id, 'path');
    return toElements(visible, { classes, edgeClasses: new Map(path.edges.map((key) => [key, 'path'])) });
  }, [visible, path]);
  const allCounts = useMemo(() => (model ? countByType(model) : []), [model]);
  const nested = useMemo(() => (model ? nestedRuns(model) : new Set<string>()), [model]);
  const nodeOptions = useMemo(() => (visible ? [...visible.nodes.values()] : []), [visible]);
  const selectedNode = selected && visible ? (visible.nodes.get(selected) ?? null) : null;

  /** Shift+click: a path from the selected node (or the root) to the clicked one. */
  const pickPathEnd = (id: string) => {
    const from = selected ?? visible?.rootId ?? null;
    if (from && from !== id) setParams({ from, to: id });
  };
  const addOps = (...more: string[]) => setParams({ op: [...ops, ...more] }, true);
  const toggleType = (type: string) => {
    const next = new Set(hidden);
    if (next.has(type)) next.delete(type);
    else next.add(type);
    setParams({ hide: next.size ? [...next].sort().join(',') : null });
  };
  const download = (href: string, extension: string) => {
    const a = document.createElement('a');
    a.href = href;
    a.download = `lineage-${nodeId.replace(/[^\w.-]+/g, '_')}.${extension}`;
    a.click();
  };
  const exportPng = () => {
    const uri = graphRef.current?.png();
    if (uri) download(uri, 'png');
  };
  const exportSvg = () => {
    const svg = graphRef.current?.svg();
    if (!svg) return;
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    download(url, 'svg');
    // The click starts the download synchronously; release the blob afterwards.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };

  const actions = selectedNode && model && (
    <div className="actions" role="group" aria-label="Expand or collapse">
      {selectedNode.aggregate ? (
        <button type="button" onClick={() => addOps(op.page(selectedNode.id))} disabled={loading}>
          Show {Math.min(25, selectedNode.aggregate.count - (selectedNode.aggregate.loaded ?? 0))} more
        </button>
      ) : (
        <>
          <button type="button" onClick={() => addOps(op.expand(selectedNode.id, 'U'))} disabled={loading}>
            Expand causes ←
          </button>
          <button type="button" onClick={() => addOps(op.expand(selectedNode.id, 'D'))} disabled={loading}>
            Expand effects →
          </button>
          <button
            type="button"
            onClick={() => addOps(op.collapse(selectedNode.id, 'U'))}
            disabled={loading || neighbours(model, selectedNode.id, 'UPSTREAM').length === 0}
          >
            Collapse causes
          </button>
          <button
            type="button"
            onClick={() => addOps(op.collapse(selectedNode.id, 'D'))}
            disabled={loading || neighbours(model, selectedNode.id, 'DOWNSTREAM').length === 0}
          >
            Collapse effects
          </button>
          {selectedNode.type === 'Run' && (
            <button type="button" onClick={() => addOps(op.stages(selectedNode.id, !nested.has(selectedNode.id)))} disabled={loading}>
              {nested.has(selectedNode.id) ? 'Hide stages' : 'Show stages'}
            </button>
          )}
        </>
      )}
    </div>
  );

  return (
    <section aria-labelledby="lineage-title">
      <h1 id="lineage-title">
        Lineage of <code>{nodeId}</code>
      </h1>
      <div className="toolbar" role="toolbar" aria-label="Graph controls">
        <label>
          Depth{' '}
          <select value={depth} onChange={(e) => setParams({ depth: e.target.value, op: [] }, true)}>
            {DEPTHS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label>
          Layout{' '}
          <select value={layout} onChange={(e) => setParams({ layout: e.target.value })}>
            {LAYOUT_NAMES.map((name) => (
              <option key={name} value={name}>
                {name === 'dagre' ? 'DAG (left to right)' : 'compact'}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => graphRef.current?.fit()}>
          Fit
        </button>
        <button type="button" onClick={() => graphRef.current?.zoomBy(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => graphRef.current?.zoomBy(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={exportPng}>
          Export PNG
        </button>
        <button type="button" onClick={exportSvg}>
          Export SVG
        </button>
        {ops.length > 0 && (
          <button type="button" onClick={() => setParams({ op: [], sel: null }, true)}>
            Reset
          </button>
        )}
        <span className="muted" data-testid="element-count">
          {visible ? `${visible.nodes.size} nodes, ${visible.edges.size} edges` : ''}
        </span>
        {loading && model && <span role="status">Loading…</span>}
      </div>
      {depthCapped && <p className="warn-text">The server capped the depth.</p>}
      <Status loading={loading && !model} error={error} onRetry={reload} what="the lineage" />
      {model && (
        <fieldset className="types">
          <legend>Node types (uncheck to hide)</legend>
          {allCounts.map(({ type }) => (
            <label key={type}>
              <input type="checkbox" checked={!hidden.has(type)} onChange={() => toggleType(type)} /> {type}
            </label>
          ))}
        </fieldset>
      )}
      {visible && <Legend counts={countByType(visible)} />}
      <div className="graph-row">
        <CytoscapeGraph
          elements={elements}
          layout={layout}
          selectedId={selected}
          onSelect={(id) => setParams({ sel: id })}
          onShiftSelect={pickPathEnd}
          onActivate={(id) => (visible?.nodes.get(id)?.aggregate ? addOps(op.page(id)) : addOps(op.expand(id, 'U'), op.expand(id, 'D')))}
          handle={graphRef}
          label={`Lineage graph around ${nodeId}`}
          height={560}
        />
        {selectedNode && <DetailsPanel node={selectedNode} actions={actions} onClose={() => setParams({ sel: null })} />}
      </div>
      {visible && (
        <div className="toolbar" role="group" aria-label="Pick nodes">
          <NodePicker label="Select a node:" nodes={nodeOptions} value={selected} onChange={(id) => setParams({ sel: id })} />
          <NodePicker label="Path from" nodes={nodeOptions} value={pathFrom} onChange={(id) => setParams({ from: id })} />
          <NodePicker label="to" nodes={nodeOptions} value={pathTo} onChange={(id) => setParams({ to: id })} />
          {(pathFrom || pathTo) && (
            <button type="button" onClick={() => setParams({ from: null, to: null })}>
              Clear path
            </button>
          )}
          {pathFrom && pathTo && (
            <span className="muted" data-testid="path-status">
              {path ? `Path: ${path.edges.length} hop${path.edges.length === 1 ? '' : 's'}` : 'No path between these nodes in the drawing.'}
            </span>
          )}
        </div>
      )}
      {model?.nodes.get(nodeId)?.type === 'Run' && <RunReplayPanel key={nodeId} runId={nodeId} />}
      <p className="muted small">
        Click a node to select it, double-click to expand both sides (or page an aggregate), shift+click another node to highlight the path from the selected
        one. Arrows point from cause to effect.
      </p>
    </section>
  );
}

/** A labelled select over the drawn nodes (keyboard access to what clicking does). */
function NodePicker({
  label,
  nodes,
  value,
  onChange,
}: {
  label: string;
  nodes: readonly GraphNode[];
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  return (
    <label className="inline">
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">—</option>
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {n.type}: {n.label}
          </option>
        ))}
      </select>
    </label>
  );
}
