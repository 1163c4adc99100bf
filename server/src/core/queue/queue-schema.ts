import { runMigrations } from 'graphile-worker';
import { queueLogger } from './queue-logger.js';
import type { Logger } from '../logger.js';

/**
 * Installs or upgrades graphile-worker's own schema (`graphile_worker`) as the owner role. Runs
 * before our migrations, which grant the runtime role what it needs there (migration 0045); the
 * worker, connected as the runtime role, then finds its schema current and migrates nothing.
 */
export async function migrateQueueSchema(ownerUrl: string, log?: Logger): Promise<void> {
  await runMigrations({
    connectionString: ownerUrl,
    maxPoolSize: 1,
    ...(log ? { logger: queueLogger(log) } : {}),
  });
}
