import type { DatabaseTimeouts } from './core/config.js';
import { openOrm, runMigrations, type Orm } from './core/db/orm.js';
import { migrateQueueSchema } from './core/queue/queue-schema.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations.js';

const SCHEMA = { entities: ENTITIES, migrations: MIGRATIONS };

/**
 * An ORM on one database role. The server's runs as the runtime role, so every query it makes
 * is subject to row-level security, and with the runtime role's session limits (`timeouts`);
 * migrations and seeding use the owner's, without them.
 */
export function createOrm(url: string, poolMax: number, timeouts?: DatabaseTimeouts): Promise<Orm> {
  return openOrm(SCHEMA, url, poolMax, timeouts);
}

/**
 * Runs pending migrations as the owner role, then closes that connection: the job queue's own
 * schema first (our migrations grant the runtime role its part of it), then ours.
 */
export async function migrate(migrationUrl: string): Promise<string[]> {
  await migrateQueueSchema(migrationUrl);
  return runMigrations(SCHEMA, migrationUrl);
}
