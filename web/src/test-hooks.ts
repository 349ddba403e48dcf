/**
 * Window hooks for browser tests and the UI benchmark: the live Cytoscape instance and the
 * timing of the last finished drawing. `__TEST_HOOKS__` is a literal set by web/vite.config.ts:
 * true in the instrumented build (and the dev server), false in production, where the minifier
 * removes these bodies and the hook names with them (web/build-if-stale.ts checks).
 */
import type { Core } from 'cytoscape';

/** Publishes `cy` as `window.__cy`; the returned function withdraws it (on unmount). */
export function exposeGraph(cy: Core): () => void {
  if (__TEST_HOOKS__) {
    window.__cy = cy;
    return () => {
      if (window.__cy === cy) delete window.__cy;
    };
  }
  return () => undefined;
}

/**
 * Records the drawing that just finished as `window.__graphDrawn`, measured from `started`
 * (when the component received the elements) to its first paint.
 */
export function reportDrawn(cy: Core, started: number): void {
  if (__TEST_HOOKS__) {
    // Two frames: Cytoscape paints in the first frame after the positions change.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const at = performance.now();
        if (!cy.destroyed()) window.__graphDrawn = { at, layoutMs: at - started, elements: cy.elements().length };
      }),
    );
  }
}
