import { randomUUID } from 'node:crypto';
import { run, type Runner, type Task, type TaskList } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { organisationFlag } from './job-queue.js';
import { queueLogger } from './queue-logger.js';

/** What a running job knows besides its payload. */
export interface JobContext {
  /** The worker's clock (injected in tests, never read from elsewhere by a job). */
  now: Date;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** When set, the job serves only these organisations (tests on one shared database). */
  organisationIds: readonly string[] | undefined;
}

/** A task's handler. It throws to fail the attempt; the queue retries with backoff. */
export type JobHandler = (payload: unknown, job: JobContext) => Promise<void>;

/** Housekeeping that runs every so often, once per interval across every process. */
export interface PeriodicJob {
  task: string;
  everyMs: number;
}

export interface QueueWorkerOptions {
  /** The runtime role's connection: a worker owns nothing and needs no other rights. */
  connectionString: string;
  tasks: Readonly<Record<string, JobHandler>>;
  periodic: readonly PeriodicJob[];
  clock: () => Date;
  /** Jobs run at the same time in this process. */
  concurrency: number;
  /** How often the scheduler looks for deferred and periodic work that fell due; 0: only by `tick`. */
  tickMs: number;
  /** How often graphile-worker looks for retries that fell due (new jobs arrive by NOTIFY). */
  pollIntervalMs: number;
  log: Logger;
  /**
   * Serve only these organisations' scheduled work. Production leaves it unset; tests set it,
   * because their files share one database and each file keeps its own clock.
   */
  organisationIds?: () => readonly string[];
  /** Whether this process runs jobs, or only schedules them (e.g. a test that drives the runner). */
  runJobs?: boolean;
}

export interface QueueWorker {
  /** Moves what is due by the clock into the queue; returns how many jobs it queued. */
  tick(): Promise<number>;
  /**
   * Ticks, waits until no job is runnable or running, and repeats until a tick finds nothing:
   * everything due by the clock has run (or is waiting for its retry). For tests and the bench.
   */
  drain(): Promise<void>;
  /** Stops scheduling, lets running jobs finish, and closes the connections. */
  stop(): Promise<void>;
}

const DISPATCH_BATCH = 1000;

/**
 * The queue worker of one process (ADR 0050): graphile-worker runs the jobs (locking each one so
 * it runs once among any number of processes, retrying with exponential backoff, keeping them
 * across restarts), and a small scheduler of ours decides *when* by our clock. On start it
 * dispatches everything that fell due while no process ran.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.concurrency + 3,
  });
  pool.on('error', (error) => options.log.warn({ err: error }, 'queue connection'));
  pool.on('connect', (client) => {
    client.on('error', (error) => options.log.warn({ err: error }, 'queue connection'));
  });
  const organisationIds = () => options.organisationIds?.();

  const taskList: TaskList = Object.fromEntries(
    Object.entries(options.tasks).map(([name, handler]): [string, Task] => [
      name,
      async (payload, helpers) => {
        await handler(payload, {
          now: options.clock(),
          attempt: helpers.job.attempts,
          maxAttempts: helpers.job.max_attempts,
          organisationIds: organisationIds(),
        });
      },
    ]),
  );

  const othersFlags = async (): Promise<string[]> => {
    const { rows } = await pool.query<{ id: string }>(
      'select id from organisations where id <> all($1::uuid[])',
      [organisationIds() ?? []],
    );
    return rows.map((row) => organisationFlag(row.id));
  };

  let runner: Runner | undefined;
  if (options.runJobs !== false) {
    runner = await run({
      pgPool: pool,
      taskList,
      concurrency: options.concurrency,
      pollInterval: options.pollIntervalMs,
      noHandleSignals: true,
      // A worker that serves some organisations only leaves the others' jobs to their workers.
      ...(options.organisationIds ? { forbiddenFlags: othersFlags } : {}),
      logger: queueLogger(options.log),
    });
  }

  const dispatchPeriodic = async (now: Date): Promise<number> => {
    const { rows } = await pool.query<{ n: number }>(
      'select app.dispatch_periodic_jobs($1, $2::jsonb) as n',
      [now, JSON.stringify(options.periodic)],
    );
    return rows[0]!.n;
  };
  // A worker that serves some organisations (tests on one shared database, each file with its own
  // clock) keeps its own rounds: through the shared `app.periodic_jobs` row, a file whose clock
  // stands years ahead would hold back every other file's rounds until that date, and an
  // unflagged round could be taken by another file's worker, which serves its own organisations
  // (referral expiry narrows to them). So its rounds carry its organisations' flags and a key of
  // this worker alone.
  const instance = randomUUID();
  const nextRoundAt = new Map<string, number>();
  const dispatchScopedPeriodic = async (
    now: Date,
    organisations: readonly string[],
  ): Promise<number> => {
    // Without an organisation to serve, a round would go out unflagged: wait for one.
    if (organisations.length === 0) return 0;
    let queued = 0;
    for (const job of options.periodic) {
      if ((nextRoundAt.get(job.task) ?? 0) > now.getTime()) continue;
      nextRoundAt.set(job.task, now.getTime() + job.everyMs);
      await pool.query(
        `select graphile_worker.add_job($1, '{}'::json, max_attempts => 3, job_key => $2,
                  flags => $3::text[], job_key_mode => 'preserve_run_at')`,
        [job.task, `periodic:${job.task}:${instance}`, organisations.map(organisationFlag)],
      );
      queued += 1;
    }
    return queued;
  };

  let ticking: Promise<number> | undefined;
  const dispatch = async (): Promise<number> => {
    const now = options.clock();
    const organisations = organisationIds();
    let queued = 0;
    for (;;) {
      const { rows } = await pool.query<{ n: number }>(
        'select app.dispatch_due_jobs($1, $2, $3) as n',
        [now, DISPATCH_BATCH, organisations ?? null],
      );
      queued += rows[0]!.n;
      if (rows[0]!.n < DISPATCH_BATCH) break;
    }
    if (options.periodic.length > 0) {
      queued += organisations
        ? await dispatchScopedPeriodic(now, organisations)
        : await dispatchPeriodic(now);
    }
    return queued;
  };
  const tick = (): Promise<number> => {
    // One round at a time in a process; rounds of several processes skip each other's rows.
    const next = (ticking ?? Promise.resolve(0)).catch(() => 0).then(dispatch);
    ticking = next;
    return next.finally(() => {
      if (ticking === next) ticking = undefined;
    });
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped || options.tickMs <= 0) return;
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => options.log.warn({ err: error }, 'scheduler round failed'))
        .finally(schedule);
    }, options.tickMs);
    timer.unref();
  };
  // Catch up at once: whatever fell due while no process ran.
  await tick();
  schedule();

  const idle = async (): Promise<void> => {
    for (;;) {
      // Jobs this worker would run: of its tasks, and of its organisations when it serves some. A
      // lock older than any job takes is a worker that died holding it (graphile-worker frees it
      // after hours): not work in hand, or every drain on the database would wait for it.
      const organisations = organisationIds();
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n
           from graphile_worker._private_jobs j
           join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier = any($1::text[])
            and ($2::text[] is null or j.flags is null or j.flags ?| $2::text[])
            and ((j.locked_at is not null and j.locked_at > now() - interval '2 minutes')
                 or (j.locked_at is null and j.run_at <= now() and j.attempts < j.max_attempts))`,
        [Object.keys(options.tasks), organisations ? organisations.map(organisationFlag) : null],
      );
      if (rows[0]!.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  return {
    tick,
    async drain() {
      for (;;) {
        const queued = await tick();
        await idle();
        if (queued === 0) {
          // Jobs that just ran may have scheduled work that is due already (a chain of terms).
          if ((await tick()) === 0) return;
          await idle();
        }
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      await ticking?.catch(() => undefined);
      await runner?.stop();
      await pool.end();
    },
  };
}
