/**
 * The one component that owns a Cytoscape instance: it creates it on mount, applies element
 * changes as a diff (so expansions keep the camera and selection), stops a running layout
 * before starting the next, and destroys the instance on unmount.
 */
import cytoscape, { type Core, type ElementDefinition, type Layouts } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, type Ref } from 'react';
import { layoutOptions, type LayoutName } from '../graph/layouts';
import { memberGroups, placeMemberGrids, type MemberGroup } from '../graph/member-grids';
import { graphStylesheet } from '../graph/style';
import { LAYOUT_ONLY } from '../graph/to-elements';
import { toSvg } from '../graph/to-svg';
import { exposeGraph, reportDrawn } from '../test-hooks';

/** Highest zoom a layout's fit may leave (users can still zoom further). */
const MAX_FIT_ZOOM = 1.4;

function clampZoom(cy: Core): void {
  if (cy.zoom() <= MAX_FIT_ZOOM) return;
  cy.zoom(MAX_FIT_ZOOM);
  cy.center();
}

/** Fits the graph with a margin, never zooming past MAX_FIT_ZOOM. */
function fitReadable(cy: Core): void {
  if (cy.elements().empty()) return;
  cy.fit(undefined, 24);
  clampZoom(cy);
}

let registered = false;
function registerExtensions(): void {
  if (registered) return;
  cytoscape.use(dagre);
  registered = true;
}

/** What a parent may ask of the graph. */
export interface GraphHandle {
  fit(): void;
  zoomBy(factor: number): void;
  /** The whole graph as a PNG data URL (white background), or null before mount. */
  png(): string | null;
  /** The whole graph as an SVG document, or null before mount. */
  svg(): string | null;
}

/** Big groups of paged-in aggregate members in the drawing (graph/member-grids.ts). */
function groupsIn(cy: Core): MemberGroup[] {
  const nodes = cy.nodes().map((n) => ({ id: n.id(), group: (n.data('group') as string | undefined) ?? null }));
  const edges = cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() }));
  return memberGroups(nodes, edges);
}

/** Moves each group into a grid beside its anchor, clear of what the DAG layout drew. */
function placeGroups(cy: Core, groups: readonly MemberGroup[]): void {
  if (groups.length === 0) return;
  // Copies: position() hands out the node's live position object.
  const positions = new Map(cy.nodes().map((n) => [n.id(), { x: n.position('x'), y: n.position('y') }] as const));
  const placed = placeMemberGrids(groups, positions);
  cy.batch(() => {
    for (const [id, position] of placed) cy.getElementById(id).position(position);
  });
  fitReadable(cy);
}

/** The drawing as SVG, from the laid-out positions (path and root elements emphasised). */
function svgOf(cy: Core): string {
  // Compound parents first, so their boxes sit behind their children.
  const all = cy.nodes();
  const nodes = [...all.filter((n) => n.isParent()), ...all.filter((n) => !n.isParent())].map((n) => ({
    id: n.id(),
    type: String(n.data('type')),
    label: String(n.data('short') ?? n.id()),
    x: n.position('x'),
    y: n.position('y'),
    width: n.width(),
    height: n.height(),
    emphasis: n.hasClass('root') || n.hasClass('path'),
  }));
  const edges = cy
    .edges(`:not(.${LAYOUT_ONLY})`)
    .map((e) => ({ source: e.source().id(), target: e.target().id(), type: String(e.data('type')), emphasis: e.hasClass('path') }));
  return toSvg(nodes, edges);
}

export interface CytoscapeGraphProps {
  elements: ElementDefinition[];
  layout: LayoutName;
  selectedId?: string | null;
  onSelect?: (id: string | null) => void;
  /** Double click / double tap on a node. */
  onActivate?: (id: string) => void;
  /** Shift+click on a node (when given, instead of selecting it). */
  onShiftSelect?: (id: string) => void;
  handle?: Ref<GraphHandle>;
  /** Accessible name of the drawing. */
  label: string;
  height?: number | string;
}

export function CytoscapeGraph({ elements, layout, selectedId = null, onSelect, onActivate, onShiftSelect, handle, label, height = 520 }: CytoscapeGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const layoutRef = useRef<Layouts | null>(null);
  const callbacks = useRef({ onSelect, onActivate, onShiftSelect });
  // The latest handlers, kept after each commit (not during render) for Cytoscape's listeners.
  useLayoutEffect(() => {
    callbacks.current = { onSelect, onActivate, onShiftSelect };
  });

  useEffect(() => {
    registerExtensions();
    const cy = cytoscape({
      container: container.current,
      style: graphStylesheet(),
      minZoom: 0.05,
      maxZoom: 4,
      wheelSensitivity: 0.4,
      boxSelectionEnabled: false,
      selectionType: 'single',
      pixelRatio: 1,
      textureOnViewport: true,
      motionBlur: false,
    });
    cyRef.current = cy;
    const withdraw = exposeGraph(cy);
    cy.on('tap', 'node', (event) => {
      const id = event.target.id() as string;
      const shift = event.originalEvent instanceof MouseEvent && event.originalEvent.shiftKey;
      if (shift && callbacks.current.onShiftSelect) callbacks.current.onShiftSelect(id);
      else callbacks.current.onSelect?.(id);
    });
    cy.on('tap', (event) => {
      if (event.target === cy) callbacks.current.onSelect?.(null);
    });
    cy.on('dbltap', 'node', (event) => callbacks.current.onActivate?.(event.target.id() as string));
    cy.on('mouseover', 'edge', (event) => event.target.addClass('hover'));
    cy.on('mouseout', 'edge', (event) => event.target.removeClass('hover'));
    // The details panel opening or closing changes the width: keep the whole graph in view.
    const resized = new ResizeObserver(() => {
      cy.resize();
      fitReadable(cy);
    });
    if (container.current) resized.observe(container.current);
    return () => {
      resized.disconnect();
      layoutRef.current?.stop();
      layoutRef.current = null;
      cy.destroy();
      cyRef.current = null;
      withdraw();
    };
  }, []);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    // Adding the elements, the layout and the first paint: what the UI benchmark times.
    const started = performance.now();
    const wanted = new Map(elements.map((element) => [String(element.data.id), element]));
    cy.batch(() => {
      cy.elements().forEach((element) => {
        if (!wanted.has(element.id())) element.remove();
      });
      // Compound parents before their children, so a child never names a parent not yet added.
      const nodes = elements.filter((e) => e.group === 'nodes').sort((a, b) => Number(a.data.parent != null) - Number(b.data.parent != null));
      const edges = elements.filter((e) => e.group === 'edges');
      for (const element of [...nodes, ...edges]) {
        const found = cy.getElementById(String(element.data.id));
        // data() cannot change a node's parent; move() re-creates the node inside the new one.
        const existing =
          found.nonempty() && found.isNode() && (found.data('parent') ?? null) !== (element.data.parent ?? null)
            ? found.move({ parent: element.data.parent ?? null })
            : found;
        if (existing.nonempty()) {
          existing.data(element.data);
          existing.classes(element.classes ?? '');
        } else {
          cy.add(element);
        }
      }
    });
    layoutRef.current?.stop();
    // dagre lays out everything but big groups of aggregate members; those become grids after.
    const groups = layout === 'dagre' ? groupsIn(cy) : [];
    const grouped = new Set(groups.flatMap((g) => g.members));
    const members = cy.nodes().filter((n) => grouped.has(n.id()));
    const outside = members.union(members.connectedEdges());
    const laidOut = cy.elements().difference(outside);
    const running = laidOut.layout(layoutOptions(layout, laidOut.nodes().length));
    layoutRef.current = running;
    // Fitting a handful of nodes would blow them up to the maximum zoom; keep them readable.
    running.one('layoutstop', () => {
      if (cy.destroyed()) return;
      placeGroups(cy, groups);
      clampZoom(cy);
      reportDrawn(cy, started);
    });
    running.run();
  }, [elements, layout]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.$(':selected').unselect();
    if (selectedId) cy.getElementById(selectedId).select();
  }, [selectedId, elements]);

  useImperativeHandle(
    handle,
    () => ({
      fit: () => {
        if (cyRef.current) fitReadable(cyRef.current);
      },
      zoomBy: (factor: number) => {
        const cy = cyRef.current;
        if (!cy) return;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      },
      png: () => cyRef.current?.png({ full: true, scale: 2, bg: '#ffffff', output: 'base64uri' }) ?? null,
      svg: () => (cyRef.current ? svgOf(cyRef.current) : null),
    }),
    [],
  );

  return <div ref={container} className="graph" role="img" aria-label={label} data-testid="graph" style={{ height }} />;
}
