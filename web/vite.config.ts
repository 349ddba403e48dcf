/**
 * The web UI's build. `npm run dev:web` serves it with hot reload and forwards /graphql to the
 * API on :4000 (override with API_URL); `vite build` writes web/dist, which the server serves.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    // Cytoscape alone is ~400 kB; one chunk for it keeps the app chunk small and cacheable.
    chunkSizeWarningLimit: 1000,
    rollupOptions: { output: { manualChunks: { graph: ['cytoscape', 'cytoscape-dagre'], react: ['react', 'react-dom', 'react-dom/client'] } } },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': process.env.API_URL ?? 'http://localhost:4000' },
  },
});
