/**
 * The web UI's build. `npm run dev:web` serves it with hot reload and forwards /graphql to the
 * API on :4000 (override with API_URL); `vite build` writes web/dist, which the server serves.
 * `vite build --mode instrumented` writes web/dist-instrumented instead: the same app plus the
 * hooks browser tests and the UI benchmark read (`window.__cy`, `window.__graphDrawn`); the dev
 * server has them too, for debugging. Production builds compile them out (see src/test-hooks.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { INSTRUMENTED_MODE, outDirFor } from './build-modes';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig(({ mode }) => ({
  root: webRoot,
  plugins: [react()],
  // Replaced by a literal, so the minifier drops every `if (__TEST_HOOKS__)` branch in production.
  define: { __TEST_HOOKS__: JSON.stringify(mode === INSTRUMENTED_MODE || mode === 'development') },
  build: {
    outDir: outDirFor(mode),
    emptyOutDir: true,
    // Cytoscape alone is ~400 kB; one chunk for it keeps the app chunk small and cacheable.
    chunkSizeWarningLimit: 1000,
    rollupOptions: { output: { manualChunks: { graph: ['cytoscape', 'cytoscape-dagre'], react: ['react', 'react-dom', 'react-dom/client'] } } },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': process.env.API_URL ?? 'http://localhost:4000' },
  },
}));
