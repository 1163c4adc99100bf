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
    // Stories walk a whole procedure through the API (15 s each on a quiet machine); CI machines
    // are shared and can be several times slower, and a test must not fail on speed alone.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Files run in parallel; each arranges its own organisations, so none depends on another.
    pool: 'forks',
  },
});
