import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/core/db/embedded-postgres.js';
import { migrate } from '../src/orm.js';
import { createLogger } from '../src/core/logger.js';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    database: { runtimeUrl: string; migrationUrl: string; superuserUrl: string | undefined };
  }
}

let embedded: EmbeddedDatabase | undefined;
let dataDir: string | undefined;

/**
 * One real PostgreSQL for the whole run: a throwaway embedded one, or the one in DATABASE_URL
 * and MIGRATION_DATABASE_URL. Migrated once; test files then arrange their own organisations.
 */
export async function setup(project: TestProject) {
  const { DATABASE_URL, MIGRATION_DATABASE_URL } = process.env;
  if (DATABASE_URL && MIGRATION_DATABASE_URL) {
    await migrate(MIGRATION_DATABASE_URL);
    project.provide('database', {
      runtimeUrl: DATABASE_URL,
      migrationUrl: MIGRATION_DATABASE_URL,
      superuserUrl: process.env.SUPERUSER_DATABASE_URL,
    });
    return;
  }
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'klachtpad-test-'));
  embedded = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    log: createLogger('warn'),
  });
  await migrate(embedded.ownerUrl);
  project.provide('database', {
    runtimeUrl: embedded.runtimeUrl,
    migrationUrl: embedded.ownerUrl,
    superuserUrl: embedded.superuserUrl,
  });
}

export async function teardown() {
  await embedded?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}
