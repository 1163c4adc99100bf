/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import {
  defaultClientConditions,
  defaultServerConditions,
  defineConfig,
  runnerImport,
  type Plugin,
} from 'vite';

const api = 'http://localhost:4000';

/**
 * Writes `dist/trusted-documents.json`: every operation of this build by the id the client sends
 * it by, for the server to resolve (ADR 0063). The operations are read by importing their modules
 * through Vite itself, so the text is exactly what the bundle's urql prints.
 */
function trustedDocuments(): Plugin {
  let root = '';
  return {
    name: 'klachtpad:trusted-documents',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    async generateBundle() {
      const { module } = await runnerImport<typeof import('./src/shared/api/registered-documents')>(
        '/src/shared/api/registered-documents.ts',
        {
          root,
          configFile: false,
          logLevel: 'error',
          resolve: { conditions: ['source', ...defaultServerConditions] },
        },
      );
      this.emitFile({
        type: 'asset',
        fileName: 'trusted-documents.json',
        source: `${JSON.stringify(module.registeredDocuments(), null, 2)}\n`,
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), trustedDocuments()],
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
