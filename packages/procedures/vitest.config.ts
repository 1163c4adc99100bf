import { defineConfig } from 'vitest/config';

// Specs sit beside the code (src) plus the seed scenarios (test); benchmarks only run in `pnpm bench`.
export default defineConfig({
  // Workspace packages are read from their TypeScript sources: no build step before tests.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // The engine is pure and CPU-bound: on a loaded, shared machine a test takes many times what it
    // takes on a quiet one. A timeout is a hang detector here, never part of what a test asserts;
    // the heavy walks and the command line declare more time of their own.
    testTimeout: 60_000,
    benchmark: { include: ['src/**/*.bench.ts'] },
  },
});
