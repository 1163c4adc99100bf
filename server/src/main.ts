import { createApp } from './app.js';
import { loadConfig } from './core/config.js';
import { provideDatabase } from './core/db/database.js';
import { createOrm, migrate } from './core/db/orm.js';
import { createLogger } from './core/logger.js';
import { seedDemoIfEmpty } from './demo/demo-data.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const started = Date.now();

const database = await provideDatabase(config, log);
const applied = await migrate(database.migrationUrl);
if (applied.length > 0) log.info({ migrations: applied }, 'migrated');
if (config.seedDemo) {
  const ownerOrm = await createOrm(database.migrationUrl, 2);
  if (await seedDemoIfEmpty(ownerOrm)) log.info('demo organisations loaded');
  await ownerOrm.close(true);
}
const orm = await createOrm(database.runtimeUrl, config.poolMax);
const app = await createApp({ config, orm, log });
const port = await app.listen(config.port);
log.info(
  { port, mode: config.mode, ms: Date.now() - started },
  `Klachtpad ready on http://localhost:${port}`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) {
    log.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, 'draining requests');
  try {
    await app.close();
    await orm.close(true);
    await database.stop();
    log.info('stopped cleanly');
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
