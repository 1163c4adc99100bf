// First: the libraries below read NODE_ENV as they load.
import './node-env.js';
import { loadConfig } from './core/config.js';
import { runningEmbeddedRuntimeUrl } from './core/db/embedded-postgres.js';
import { createLogger } from './core/logger.js';
import { startKlachtpadWorker } from './jobs.js';
import { createOrm } from './orm.js';

/**
 * `pnpm worker`: the job queue in a process of its own (ADR 0050), for deployments that run the
 * web processes with `WORKER_MODE=off`. Any number may run; each job runs once among them. It
 * connects as the runtime role only and migrates nothing: the server migrates on start.
 */
const config = loadConfig();
const log = createLogger(config.logLevel);
const runtimeUrl =
  config.database?.runtimeUrl ??
  (await runningEmbeddedRuntimeUrl({ dataDir: config.dataDir, port: config.embeddedPgPort }));
const orm = await createOrm(runtimeUrl, config.worker.concurrency + 2, config.dbTimeouts);
const worker = await startKlachtpadWorker({ config, orm, log, clock: () => new Date() });
log.info({ concurrency: config.worker.concurrency }, 'Klachtpad worker ready');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'worker stopping: running jobs finish first');
  let clean = true;
  for (const [step, stop] of [
    ['worker', () => worker.stop()],
    ['orm', () => orm.close(true)],
  ] as const) {
    try {
      await stop();
    } catch (error) {
      clean = false;
      log.error({ err: error, step }, 'unclean shutdown step');
    }
  }
  log.info(clean ? 'worker stopped cleanly' : 'worker stopped with errors');
  process.exit(clean ? 0 : 1);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
