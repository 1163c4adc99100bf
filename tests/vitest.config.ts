import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['browser/**/*.spec.ts'],
    // One real server with its own embedded PostgreSQL serves every journey (support/global-server).
    globalSetup: ['./support/global-server.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // One journey at a time: they share the server, and their output should not interleave.
    fileParallelism: false,
  },
});
