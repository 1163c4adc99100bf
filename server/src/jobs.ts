import pg from 'pg';
import type { Config } from './core/config.js';
import type { Orm } from './core/db/orm.js';
import type { Logger } from './core/logger.js';
import {
  startQueueWorker,
  type JobHandler,
  type PeriodicJob,
  type QueueWorker,
} from './core/queue/queue-worker.js';
import { clamdScanner } from './core/scanning/clamd.js';
import { caseClockJob } from './jobs/case-clock.job.js';
import { dataRequestClockJob } from './jobs/data-request-clock.job.js';
import { documentScanJob } from './jobs/document-scan.job.js';
import {
  accessLogSealJob,
  idempotencyKeyPurgeJob,
  securityLogPurgeJob,
  sessionPurgeJob,
} from './jobs/housekeeping.job.js';
import { invitationMailJob } from './jobs/invitation-mail.job.js';
import type { JobDeps } from './jobs/job-deps.js';
import { passwordResetMailJob } from './jobs/password-reset-mail.job.js';
import { notificationMailJob } from './jobs/notification-mail.job.js';
import { referralExpiryJob } from './jobs/referral-expiry.job.js';
import { retentionJob } from './jobs/retention.job.js';
import { safeAddressConfirmationJob } from './jobs/safe-address-confirmation.job.js';
import { SAFE_ADDRESS_CONFIRMATION_TASK } from './modules/contact/contact.service.js';
import { CASE_CLOCK_TASK } from './modules/deadlines/case-clock-schedule.js';
import { DOCUMENT_SCAN_TASK } from './modules/documents/document-scan.js';
import { PASSWORD_RESET_MAIL_TASK } from './modules/auth/password-reset.service.js';
import { createMailer, type Mailer } from './modules/mail/mailer.js';
import { flushSecurityLog } from './modules/security-log/security-log.js';
import { INVITATION_MAIL_TASK } from './modules/memberships/invitation.service.js';
import { NOTIFICATION_MAIL_TASK } from './modules/notifications/notification.service.js';

/**
 * Every task the queue runs, by name (as `hooks.ts` lists every reaction and `schema.ts` every
 * resolver). A job names its task; its payload carries ids only (ADR 0050).
 */
export function klachtpadTasks(deps: JobDeps): Record<string, JobHandler> {
  return {
    [CASE_CLOCK_TASK]: caseClockJob(deps),
    'expire-referrals': referralExpiryJob(deps),
    'purge-sessions': sessionPurgeJob(deps),
    'purge-idempotency-keys': idempotencyKeyPurgeJob(deps),
    'seal-access-log': accessLogSealJob(deps),
    'purge-security-log': securityLogPurgeJob(deps),
    'anonymise-cases': retentionJob(deps),
    'remind-data-requests': dataRequestClockJob(deps),
    [NOTIFICATION_MAIL_TASK]: notificationMailJob(deps),
    [SAFE_ADDRESS_CONFIRMATION_TASK]: safeAddressConfirmationJob(deps),
    [INVITATION_MAIL_TASK]: invitationMailJob(deps),
    [PASSWORD_RESET_MAIL_TASK]: passwordResetMailJob(deps),
    [DOCUMENT_SCAN_TASK]: documentScanJob(deps),
  };
}

const MINUTE_MS = 60_000;

/** Housekeeping by the clock, once per interval across every process. */
export function periodicJobs(config: Config): PeriodicJob[] {
  return [
    { task: 'seal-access-log', everyMs: config.accessLog.sealIntervalMs },
    { task: 'expire-referrals', everyMs: MINUTE_MS },
    { task: 'purge-sessions', everyMs: 15 * MINUTE_MS },
    { task: 'purge-idempotency-keys', everyMs: 60 * MINUTE_MS },
    { task: 'purge-security-log', everyMs: 60 * MINUTE_MS },
    // Retention is counted in days; hourly is soon enough and catches up after a stop.
    { task: 'anonymise-cases', everyMs: 60 * MINUTE_MS },
    // AVG requests are due by the day (ADR 0095); hourly tells staff on the day it matters.
    { task: 'remind-data-requests', everyMs: 60 * MINUTE_MS },
  ];
}

export interface KlachtpadWorkerOptions {
  config: Config;
  orm: Orm;
  log: Logger;
  clock: () => Date;
  /** Tests on the shared database: serve only these organisations, without housekeeping. */
  organisationIds?: () => readonly string[];
  /** Tests drive the scheduler themselves (`tick`, `drain`): no timer. */
  tickMs?: number;
  /**
   * The housekeeping this worker dispatches, by task: all of it by default, none for a worker
   * that serves some organisations only, unless named here (sealing the access log is safe on a
   * shared database: it touches no clock of another test).
   */
  periodicTasks?: readonly string[];
  /** Where e-mail goes; by default what the configuration says (shared with `/dev/inbox`). */
  mailer?: Mailer;
}

export interface KlachtpadWorker extends QueueWorker {
  /** Runs one task now, outside the queue, with the worker's clock (tests and operators). */
  runTask(task: string, payload?: Record<string, unknown>): Promise<void>;
}

/** The queue worker with Klachtpad's tasks: in the server process, or alone (`pnpm worker`). */
export async function startKlachtpadWorker(
  options: KlachtpadWorkerOptions,
): Promise<KlachtpadWorker> {
  const { config, orm, log, clock } = options;
  const connectionString = orm.config.getClientUrl();
  const plain = new pg.Pool({ connectionString, max: 2 });
  plain.on('error', (error) => log.warn({ err: error }, 'job connection'));
  plain.on('connect', (client) => {
    client.on('error', (error) => log.warn({ err: error }, 'job connection'));
  });
  const mailer = options.mailer ?? createMailer(config, log);
  const deps: JobDeps = {
    orm,
    config,
    log,
    mailer,
    scanner: config.documents.scanner
      ? clamdScanner(config.documents.scanner.address, config.documents.scanner)
      : undefined,
    async withClient(work) {
      const client = await plain.connect();
      try {
        return await work(client);
      } finally {
        client.release();
      }
    },
  };
  const tasks = klachtpadTasks(deps);
  const worker = await startQueueWorker({
    connectionString,
    tasks,
    periodic: periodicJobs(config).filter((job) =>
      options.periodicTasks ? options.periodicTasks.includes(job.task) : !options.organisationIds,
    ),
    clock,
    concurrency: config.worker.concurrency,
    tickMs: options.tickMs ?? config.worker.tickMs,
    pollIntervalMs: 1000,
    log,
    ...(options.organisationIds ? { organisationIds: options.organisationIds } : {}),
  });
  return {
    ...worker,
    async runTask(task, payload = {}) {
      const handler = tasks[task];
      if (!handler) throw new Error(`No task ${task}.`);
      await handler(payload, {
        now: clock(),
        attempt: 1,
        maxAttempts: 1,
        organisationIds: options.organisationIds?.(),
      });
    },
    async stop() {
      await worker.stop();
      await flushSecurityLog(orm);
      await plain.end();
      if (!options.mailer) mailer.close();
    },
  };
}
