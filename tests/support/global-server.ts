import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './klachtpad-server.js';
import { ensureWebBuild } from './web-build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    klachtpadUrl: string;
  }
}

let server: RunningServer | undefined;

/**
 * One real server with a fresh embedded database for every journey: starting one takes most of
 * a journey's time, and each journey works with its own people and cases.
 */
export async function setup(project: TestProject): Promise<void> {
  await ensureWebBuild();
  server = await startServer();
  project.provide('klachtpadUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
