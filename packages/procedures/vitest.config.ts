import { defineConfig } from 'vitest/config';

// Specs sit beside the code (src) plus the seed scenarios (test); benchmarks only run in `pnpm bench`.
export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    benchmark: { include: ['src/**/*.bench.ts'] },
  },
});
