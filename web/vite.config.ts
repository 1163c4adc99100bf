/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

const api = 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Workspace packages (contracts) are read from their TypeScript sources: no build step first.
    conditions: ['source', ...defaultClientConditions],
  },
  server: {
    // Same origin in development as in production, so the SameSite=Strict session cookie and
    // the same-origin WebSocket behave exactly as they will when the server serves web/dist.
    proxy: {
      '/graphql': { target: api, ws: true },
      '/documents': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps are written for our own debugging but never referenced from the bundle; the server
    // does not serve them either (no public source maps).
    sourcemap: 'hidden',
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.spec.{ts,tsx}'],
    // Rendering with user-event is slow on a shared, busy machine; no outcome depends on speed.
    testTimeout: 120_000,
  },
});
