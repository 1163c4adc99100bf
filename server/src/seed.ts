import { loadConfig } from './core/config.js';
import { provideDatabase } from './core/db/database.js';
import { createOrm, migrate } from './orm.js';
import { createLogger } from './core/logger.js';
import { seedDemoIfEmpty } from './demo/demo-data.js';

/** `pnpm seed`: migrate, then load the demo organisations into an empty database. */
const config = loadConfig();
const log = createLogger(config.logLevel);
const database = await provideDatabase(config, log, 'tool');
try {
  await migrate(database.migrationUrl);
  const ownerOrm = await createOrm(database.migrationUrl, 2);
  const seeded = await seedDemoIfEmpty({ orm: ownerOrm, config, log });
  await ownerOrm.close(true);
  log.info(seeded ? 'demo data loaded' : 'database already has organisations; nothing loaded');
} finally {
  await database.stop();
}
