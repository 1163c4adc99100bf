import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['browser/**/*.spec.ts'],
    // One real server with its own embedded PostgreSQL serves every journey (support/global-server).
    globalSetup: ['./support/global-server.ts'],
    // A journey with axe in two languages on every page is slow on a shared machine.
    testTimeout: 600_000,
    hookTimeout: 240_000,
    // One journey at a time: they share the server, and their output should not interleave.
    fileParallelism: false,
  },
});
