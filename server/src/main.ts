import { createApp } from './app.js';
import { loadConfig } from './core/config.js';
import { provideDatabase } from './core/db/database.js';
import { createOrm, migrate } from './orm.js';
import { createLogger } from './core/logger.js';
import { seedDemoIfEmpty } from './demo/demo-data.js';
import { startKlachtpadWorker } from './jobs.js';
import { createMailer } from './modules/mail/mailer.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const started = Date.now();

const database = await provideDatabase(config, log);
const applied = await migrate(database.migrationUrl);
if (applied.length > 0) log.info({ migrations: applied }, 'migrated');
if (config.seedDemo) {
  const ownerOrm = await createOrm(database.migrationUrl, 2);
  if (await seedDemoIfEmpty({ orm: ownerOrm, config, log }))
    log.info('demo organisations and cases loaded');
  await ownerOrm.close(true);
}
const orm = await createOrm(database.runtimeUrl, config.poolMax, config.dbTimeouts);
// One mailer per process: the worker sends with it, and in development its inbox is served.
const mailer = createMailer(config, log);
const app = await createApp({ config, orm, log, mailer });
const port = await app.listen(config.port);
// The job queue runs here unless a separate `pnpm worker` does (ADR 0050). On start it catches up
// on everything that fell due while no process ran.
const worker =
  config.worker.mode === 'in-process'
    ? await startKlachtpadWorker({ config, orm, log, clock: () => new Date(), mailer })
    : undefined;
log.info(
  { port, mode: config.mode, worker: config.worker.mode, ms: Date.now() - started },
  `Klachtpad ready on http://localhost:${port}`,
);

/** Logging must never stop a shutdown: after Ctrl-C the terminal or pnpm may be gone already. */
function safely(write: () => void) {
  try {
    write();
  } catch {
    // stdout is closed; carry on stopping.
  }
}
process.stdout.on('error', () => undefined);

let stoppingSince: number | undefined;
async function shutdown(signal: string) {
  if (stoppingSince !== undefined) {
    // Ctrl-C reaches pnpm and us at once, and pnpm forwards it again: a repeat within seconds is
    // that echo. A later one is a person insisting.
    if (Date.now() - stoppingSince < 3000) return;
    safely(() => log.warn({ signal }, 'second signal: exiting now'));
    process.exit(1);
  }
  stoppingSince = Date.now();
  safely(() => log.info({ signal }, 'draining requests'));
  let clean = true;
  for (const [step, stop] of [
    ['http', () => app.close()],
    ['worker', () => worker?.stop() ?? Promise.resolve()],
    ['mailer', async () => mailer.close()],
    ['orm', () => orm.close(true)],
    ['database', () => database.stop()],
  ] as const) {
    try {
      await stop();
    } catch (error) {
      clean = false;
      safely(() => log.error({ err: error, step }, 'unclean shutdown step'));
    }
  }
  safely(() => log.info(clean ? 'stopped cleanly' : 'stopped with errors'));
  process.exit(clean ? 0 : 1);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
