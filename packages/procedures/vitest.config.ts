import { defineConfig } from 'vitest/config';

// Specs sit beside the code (src) plus the seed scenarios (test); benchmarks only run in `pnpm bench`.
export default defineConfig({
  // Workspace packages are read from their TypeScript sources: no build step before tests.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // The property walks and the CLI runs are heavy on a shared CI machine; a timeout catches a
    // hang, it measures nothing.
    testTimeout: 120_000,
    benchmark: { include: ['src/**/*.bench.ts'] },
  },
});
