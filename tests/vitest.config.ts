import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['browser/**/*.spec.ts'],
    // Each journey starts a real server with its own embedded PostgreSQL and a browser.
    testTimeout: 120_000,
    // A journey's server starts from scratch; on a loaded machine that takes minutes.
    hookTimeout: 900_000,
    // One journey at a time: they are heavy, and their output should not interleave.
    fileParallelism: false,
  },
});
