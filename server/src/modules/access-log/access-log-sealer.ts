import pg from 'pg';
import type { Logger } from '../../core/logger.js';
import { sealWaitingAccessLogs } from './access-log-chain.js';

export interface AccessLogSealer {
  /** Seals whatever is waiting now (and waits for a round already running). */
  sealNow(): Promise<number>;
  /** Stops the timer after a last round, and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Seals the access log on demand and once more when the process stops, on a connection of its
 * own, outside every request's transaction and pool. The regular rounds are a periodic job of the
 * queue (`seal-access-log`, ADR 0050); `intervalMs` adds a timer of this process besides (for a
 * process that runs no worker and wants one). Lines left unsealed by a crash are found by the
 * next round of any process, or by `pnpm verify-access-log`.
 */
export function startAccessLogSealer(options: {
  connectionString: string;
  intervalMs?: number;
  log: Logger;
}): AccessLogSealer {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 1 });
  pool.on('error', (error) => options.log.warn({ err: error }, 'access-log sealer connection'));
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const round = async (): Promise<number> => {
    const client = await pool.connect();
    try {
      return await sealWaitingAccessLogs(client);
    } finally {
      client.release();
    }
  };
  const sealNow = (): Promise<number> => {
    // One round at a time: a caller arriving mid-round waits for it, then gets its own.
    const next = (running ?? Promise.resolve(0)).catch(() => 0).then(round);
    running = next;
    return next.finally(() => {
      if (running === next) running = undefined;
    });
  };
  const schedule = () => {
    if (stopped || !options.intervalMs) return;
    timer = setTimeout(() => {
      sealNow()
        .catch((error: unknown) => options.log.warn({ err: error }, 'access-log sealing failed'))
        .finally(schedule);
    }, options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    sealNow,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      try {
        await sealNow();
      } catch (error) {
        options.log.warn({ err: error }, 'access-log sealing at shutdown failed');
      } finally {
        await pool.end();
      }
    },
  };
}
