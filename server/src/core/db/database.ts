import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface DatabaseUrls {
  runtimeUrl: string;
  migrationUrl: string;
  /** Stops the embedded PostgreSQL; a no-op for an external one. */
  stop(): Promise<void>;
}

/** The configured external PostgreSQL, or an embedded one started under the data directory. */
export async function provideDatabase(
  config: Config,
  log: Logger,
  /** `tool`: join the embedded database of a running server and leave it running (seed, verify). */
  as: 'server' | 'tool' = 'server',
): Promise<DatabaseUrls> {
  if (config.database) {
    return { ...config.database, stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    log,
    as,
  });
  return { runtimeUrl: embedded.runtimeUrl, migrationUrl: embedded.ownerUrl, stop: embedded.stop };
}
