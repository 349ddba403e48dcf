/**
 * Named layouts. `dagre` lays the causal flow out left to right (data → training → models →
 * governance → serving → predictions); `compact` packs a large neighbourhood with a force
 * layout. The dagre extension is registered by the component that owns Cytoscape.
 */
import type { LayoutOptions } from 'cytoscape';

export const LAYOUT_NAMES = ['dagre', 'compact'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export function isLayoutName(value: string | null | undefined): value is LayoutName {
  return (LAYOUT_NAMES as readonly string[]).includes(value ?? '');
}

/** Cytoscape options for a named layout; `animate` is off by default so tests see final positions. */
export function layoutOptions(name: LayoutName, nodeCount: number, animate = false): LayoutOptions {
  switch (name) {
    case 'dagre':
      // Options of cytoscape-dagre (typed by @types/cytoscape-dagre; structurally a LayoutOptions).
      return { name: 'dagre', rankDir: 'LR', nodeSep: 10, rankSep: 90, edgeSep: 6, fit: true, padding: 24, animate } as LayoutOptions;
    case 'compact':
      return {
        name: 'cose',
        fit: true,
        padding: 24,
        animate,
        randomize: false,
        nodeRepulsion: () => 6000,
        idealEdgeLength: () => (nodeCount > 80 ? 40 : 60),
        numIter: 1000,
      };
  }
}
