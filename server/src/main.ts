// First: the libraries below read NODE_ENV as they load.
import './node-env.js';
import { createApp } from './app.js';
import { loadConfig } from './core/config.js';
import { provideSealingKey } from './core/crypto/sealing-key.js';
import { provideDatabase } from './core/db/database.js';
import { createOrm, migrate } from './orm.js';
import { createLogger } from './core/logger.js';
import { seedDemoIfEmpty } from './demo/demo-data.js';
import { startKlachtpadWorker } from './jobs.js';
import { createMailer } from './modules/mail/mailer.js';

const loaded = loadConfig();
const log = createLogger(loaded.logLevel);
const config = { ...loaded, mfaKey: await provideSealingKey(loaded) };
const started = Date.now();

/**
 * Ctrl-C while starting must not cut the demo data in half (issue 15): until the server is up,
 * a stop request is remembered and carried out at the next safe point, after the step in hand
 * (migrating, loading the demo data) has finished. Once running, `shutdown` drains as usual.
 */
let stopRequestedWhileStarting: string | undefined;
let running: ((signal: string) => Promise<void>) | undefined = undefined;
function onSignal(signal: string) {
  if (running) return void running(signal);
  if (stopRequestedWhileStarting === undefined) {
    safely(() => log.info({ signal }, 'stopping once the step in hand has finished'));
  }
  stopRequestedWhileStarting = signal;
}
process.on('SIGINT', () => onSignal('SIGINT'));
process.on('SIGTERM', () => onSignal('SIGTERM'));

let database: Awaited<ReturnType<typeof provideDatabase>>;
try {
  database = await provideDatabase(config, log);
} catch (error) {
  // E.g. a second server on the same data directory: say why in one line, and stop.
  safely(() => log.fatal({ reason: (error as Error).message }, 'cannot start'));
  process.exit(1);
}
/** Stops what has been started so far when a stop was asked for while starting. */
async function stopIfAsked(...opened: { close(force: boolean): Promise<void> }[]) {
  if (stopRequestedWhileStarting === undefined) return;
  for (const orm of opened) await orm.close(true);
  await database.stop();
  safely(() => log.info('stopped cleanly'));
  process.exit(0);
}
const applied = await migrate(database.migrationUrl);
if (applied.length > 0) log.info({ migrations: applied }, 'migrated');
await stopIfAsked();
if (config.seedDemo) {
  const ownerOrm = await createOrm(database.migrationUrl, 2);
  log.info('loading the demo data into an empty database');
  if (await seedDemoIfEmpty({ orm: ownerOrm, config, log }))
    log.info('demo organisations and cases loaded');
  await ownerOrm.close(true);
  await stopIfAsked();
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
running = shutdown;
if (stopRequestedWhileStarting !== undefined) void shutdown(stopRequestedWhileStarting);

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
