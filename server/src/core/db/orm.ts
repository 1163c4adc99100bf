import type { MigrationObject } from '@mikro-orm/core';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';

export type Orm = MikroORM;

/** What the database holds: every entity and every migration (listed in src/orm.ts). */
export interface DatabaseSchema {
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
}

function options(schema: DatabaseSchema, clientUrl: string, poolMax: number): Options {
  return {
    clientUrl,
    entities: schema.entities,
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    // A request always works in its own fork; touching the global entity manager is a bug.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    // The migrator announces every step on the console; start-up logs say what was applied.
    logger: () => undefined,
    discovery: { warnWhenNoEntities: false },
    migrations: {
      migrationsList: schema.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
}

/**
 * An ORM on one database role. The server's runs as the runtime role, so every query it makes
 * is subject to row-level security; migrations and seeding use the owner's.
 */
export function openOrm(schema: DatabaseSchema, url: string, poolMax: number): Promise<Orm> {
  return MikroORM.init(options(schema, url, poolMax));
}

/** Runs pending migrations as the owner role, then closes that connection. */
export async function runMigrations(
  schema: DatabaseSchema,
  migrationUrl: string,
): Promise<string[]> {
  const orm = await openOrm(schema, migrationUrl, 1);
  try {
    const executed = await orm.getMigrator().up();
    return executed.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}
