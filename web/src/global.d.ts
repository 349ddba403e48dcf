import type { Core } from 'cytoscape';

declare global {
  interface Window {
    /** The live Cytoscape instance, for browser tests and debugging (set by CytoscapeGraph). */
    __cy?: Core;
  }
}
