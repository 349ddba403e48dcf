import type { Core } from 'cytoscape';

declare global {
  /** True in the instrumented build and the dev server, a literal false in production (web/vite.config.ts). */
  const __TEST_HOOKS__: boolean;

  interface Window {
    /** The live Cytoscape instance, for browser tests and debugging (instrumented build only; see test-hooks.ts). */
    __cy?: Core;
    /**
     * The last finished drawing (instrumented build only), for browser tests and the UI benchmark:
     * `at` in ms since navigation start, `layoutMs` from receiving the elements to drawn.
     */
    __graphDrawn?: { at: number; layoutMs: number; elements: number };
  }
}
