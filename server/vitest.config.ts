import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Workspace packages are read from their TypeScript sources: no build step before tests.
    conditions: ['source'],
    // graphql ships CommonJS and ESM builds; Node (and so Apollo and type-graphql) loads the
    // CommonJS one. Our sources must get the same copy, or `instanceof GraphQLError` and schema
    // checks fail across the two.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
    // Benchmarks run only in `pnpm bench`, never in `pnpm test`.
    benchmark: { include: ['bench/**/*.bench.ts'] },
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files run in parallel; each arranges its own organisations, so none depends on another.
    pool: 'forks',
  },
});
