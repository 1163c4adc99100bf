import type { JobHandler } from '../core/queue/queue-worker.js';
import { sealWaitingAccessLogs } from '../modules/access-log/access-log-chain.js';
import type { JobDeps } from './job-deps.js';

const HOUR_MS = 3_600_000;

/**
 * Sessions past their absolute or idle expiry are deleted (they no longer sign anyone in; keeping
 * them only keeps data). Counts only cross the database boundary.
 */
export function sessionPurgeJob(deps: JobDeps): JobHandler {
  return async (_payload, job) => {
    const purged = await deps.withClient(async (client) => {
      const { rows } = await client.query<{ n: number }>(
        `select app.purge_expired_sessions($1, make_interval(mins => $2)) as n`,
        [job.now, deps.config.sessions.idleMinutes],
      );
      return rows[0]!.n;
    });
    if (purged > 0) deps.log.info({ purged }, 'expired sessions purged');
  };
}

/**
 * Idempotency keys keep a snapshot of the case they answered; after the retry window
 * (`IDEMPOTENCY_KEY_HOURS`) nobody retries any more, and the snapshot goes.
 */
export function idempotencyKeyPurgeJob(deps: JobDeps): JobHandler {
  return async (_payload, job) => {
    const before = new Date(job.now.getTime() - deps.config.idempotencyKeyHours * HOUR_MS);
    const purged = await deps.withClient(async (client) => {
      const { rows } = await client.query<{ n: number }>(
        'select app.purge_idempotency_keys($1) as n',
        [before],
      );
      return rows[0]!.n;
    });
    if (purged > 0) deps.log.info({ purged }, 'expired idempotency keys purged');
  };
}

/** Security-log lines older than `SECURITY_LOG_DAYS` go (ADR 0068). */
export function securityLogPurgeJob(deps: JobDeps): JobHandler {
  return async (_payload, job) => {
    const before = new Date(job.now.getTime() - deps.config.securityLogDays * 24 * HOUR_MS);
    const purged = await deps.withClient(async (client) => {
      const { rows } = await client.query<{ n: number }>('select app.purge_security_log($1) as n', [
        before,
      ]);
      return rows[0]!.n;
    });
    if (purged > 0) deps.log.info({ purged }, 'old security-log lines purged');
  };
}

/** Chains the access-log lines requests appended (ADR 0021); idempotent, safe in many processes. */
export function accessLogSealJob(deps: JobDeps): JobHandler {
  return async () => {
    await deps.withClient((client) => sealWaitingAccessLogs(client));
  };
}
