import type { MigrationObject } from '@mikro-orm/core';
import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { DatabaseTimeouts } from '../config.js';

export type Orm = MikroORM;

/** What the database holds: every entity and every migration (listed in src/orm.ts). */
export interface DatabaseSchema {
  entities: NonNullable<Options['entities']>;
  migrations: MigrationObject[];
}

function options(
  schema: DatabaseSchema,
  clientUrl: string,
  poolMax: number,
  timeouts: DatabaseTimeouts | undefined,
): Options {
  return {
    clientUrl,
    entities: schema.entities,
    extensions: [Migrator],
    pool: { min: 0, max: poolMax },
    ...(timeouts ? { driverOptions: sessionLimits(timeouts) } : {}),
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
export function openOrm(
  schema: DatabaseSchema,
  url: string,
  poolMax: number,
  timeouts?: DatabaseTimeouts,
): Promise<Orm> {
  return MikroORM.init(options(schema, url, poolMax, timeouts));
}

/**
 * The runtime role's session limits (ADR 0065), sent by `pg` as start-up parameters of every
 * connection the pool opens, so no statement of ours can forget them: a waiter on a locked row
 * fails after `lockMs` (answered CONFLICT) instead of holding its connection, a runaway statement
 * after `statementMs`, and a transaction a crashed request left open is ended by the server.
 * A database that cannot be reached fails the connect after `connectMs` (a refused connection at
 * once: knex hands a failed connect to the waiting request), answered UNAVAILABLE (503). Waiting
 * for a busy pool's next free connection is no outage and keeps knex's own limit: the statement
 * timeouts already bound how long anyone holds one.
 * Migrations and seeding (the owner role) run without them: they may legitimately take long.
 */
function sessionLimits(timeouts: DatabaseTimeouts) {
  return {
    connection: {
      statement_timeout: timeouts.statementMs,
      lock_timeout: timeouts.lockMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
      connectionTimeoutMillis: timeouts.connectMs,
    },
  };
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
