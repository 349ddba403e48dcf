import type { Core } from 'cytoscape';

declare global {
  interface Window {
    /** The live Cytoscape instance, for browser tests and debugging (set by CytoscapeGraph). */
    __cy?: Core;
    /**
     * The last finished drawing (set by CytoscapeGraph), for browser tests and the UI benchmark:
     * `at` in ms since navigation start, `layoutMs` from receiving the elements to drawn.
     */
    __graphDrawn?: { at: number; layoutMs: number; elements: number };
  }
}
