import type { EntityManager } from '@mikro-orm/postgresql';
import { DeferredJob } from './deferred-job.entity.js';

/**
 * The one way code puts work on the durable queue (ADR 0050), always inside the caller's
 * transaction, so a job exists exactly when the change that asked for it commits.
 *
 * - `enqueueJob`: run as soon as a worker is free (graphile-worker's `add_job`).
 * - `scheduleJob` / `replaceScheduledJobs`: run at a moment of our clock (a case's next term,
 *   the end of a client's quiet hours); kept in `deferred_jobs` until the scheduler finds it due.
 *
 * A payload holds ids and codes only — never a name, a text or an address — so a queue row
 * says nothing about anyone: values are checked before anything is written.
 */

/** Ids, codes, numbers and flags; strings of at most 100 characters of `[A-Za-z0-9:._-]`. */
export type JobPayload = Readonly<Record<string, string | number | boolean | null>>;

export interface JobRequest {
  /** The task that runs it (a name in the task list, src/jobs.ts). */
  task: string;
  payload: JobPayload;
  /**
   * Jobs with the same key are one job: adding it again replaces a waiting one (its payload and
   * time), and a running one is left to finish while the new one waits.
   */
  key?: string;
  /** Attempts before the queue gives up (with exponential backoff between them); default 25. */
  maxAttempts?: number;
  /**
   * The organisation the job works for: it carries the flag `org:<id>`, so a worker that serves
   * only some organisations (tests on one shared database) leaves it to the one that does.
   */
  organisationId?: string;
}

/** The queue flag of an organisation's jobs (graphile-worker `flags`, see `forbiddenFlags`). */
export const organisationFlag = (organisationId: string) => `org:${organisationId}`;

export interface ScheduledJobRequest extends JobRequest {
  organisationId: string;
  key: string;
  runAt: Date;
}

const TOKEN = /^[A-Za-z0-9:._-]{1,100}$/;
const TASK = /^[a-z][a-z0-9-]{0,62}$/;
const KEY = /^[A-Za-z0-9:._-]{1,200}$/;

/** Refuses a payload that could carry personal data (free text, nested objects, long strings). */
export function checkJobRequest(job: JobRequest): void {
  if (!TASK.test(job.task)) throw new Error(`Not a task name: ${job.task}`);
  if (job.key !== undefined && !KEY.test(job.key))
    throw new Error('A job key is an id-like token.');
  for (const [name, value] of Object.entries(job.payload)) {
    const ok =
      value === null ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && TOKEN.test(value));
    if (!ok) throw new Error(`Job payload field ${name} is not an id, code, number or flag.`);
  }
}

/** Puts a job on the queue in the caller's transaction; a worker runs it once it commits. */
export async function enqueueJob(em: EntityManager, job: JobRequest): Promise<void> {
  checkJobRequest(job);
  const flag = job.organisationId ? organisationFlag(job.organisationId) : null;
  await em.execute(
    `select 1 from graphile_worker.add_job(?, ?::json, job_key => ?, max_attempts => ?,
       flags => case when ?::text is null then null else array[?::text] end)`,
    [job.task, JSON.stringify(job.payload), job.key ?? null, job.maxAttempts ?? null, flag, flag],
  );
}

/** Schedules a job of an organisation for a moment of our clock, replacing one with its key. */
export async function scheduleJob(
  em: EntityManager,
  job: ScheduledJobRequest,
  now: Date,
): Promise<void> {
  checkJobRequest(job);
  await em.upsert(
    DeferredJob,
    {
      organisationId: job.organisationId,
      key: job.key,
      task: job.task,
      payload: { ...job.payload },
      runAt: job.runAt,
      maxAttempts: job.maxAttempts ?? null,
      createdAt: now,
    },
    { onConflictFields: ['organisationId', 'key'], onConflictAction: 'merge' },
  );
}

/**
 * Makes the scheduled jobs under `prefix` exactly `jobs`: each is (re)scheduled under its key and
 * every other key under the prefix is dropped, so what was scheduled for an earlier state of the
 * world cannot run beside what is scheduled now.
 */
export async function replaceScheduledJobs(
  em: EntityManager,
  scope: { organisationId: string; prefix: string },
  jobs: readonly ScheduledJobRequest[],
  now: Date,
): Promise<void> {
  for (const job of jobs) {
    if (!job.key.startsWith(scope.prefix) || job.organisationId !== scope.organisationId)
      throw new Error(`Job ${job.key} is not under ${scope.prefix}.`);
  }
  await em.nativeDelete(DeferredJob, {
    organisationId: scope.organisationId,
    key: { $like: `${scope.prefix.replace(/[\\%_]/g, '\\$&')}%`, $nin: jobs.map((job) => job.key) },
  });
  for (const job of jobs) await scheduleJob(em, job, now);
}

/** The jobs scheduled under a prefix, soonest first (what a case is waiting for). */
export function scheduledJobs(
  em: EntityManager,
  scope: { organisationId: string; prefix: string },
): Promise<DeferredJob[]> {
  return em.find(
    DeferredJob,
    {
      organisationId: scope.organisationId,
      key: { $like: `${scope.prefix.replace(/[\\%_]/g, '\\$&')}%` },
    },
    { orderBy: { runAt: 'asc', key: 'asc' } },
  );
}
