// `pnpm bench`: how long terms take to run out when many come due at once (issue 10). Thousands
// of Bureau MHR complaints of several organisations wait for the directie, whose two weeks all
// end on the same day; the worker's clock then passes that day and the bench measures how long one
// worker takes until every case has moved to the bestuur — the lag from due time to moved for the
// last case — and its jobs per second.
//
// Baseline, in the same run and on the same cases: the same number of clock jobs that find their
// case changed since they were scheduled ("stale"). Those pay the queue, the tenant transaction,
// the case row lock and the load, but not the engine, the timeline, the notifications and the new
// job. Read the ratio, not the absolute numbers: it stays put when the machine is busy.
//
// The cases are copies, made with set-based SQL, of one case per organisation walked to the
// directie through the real services (filing thousands through the API would take an hour here).
import { amsterdamMidnight, loadTemplate, type PlainDate } from '@klachtpad/procedures';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, bench, describe, inject } from 'vitest';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
} from '../test/harness.js';
import { routeTo, walkRoute } from '../test/route-walk.js';

const CASES = Number(process.env.BENCH_CLOCK_CASES ?? 10_000);
const ORGANISATIONS = 4;
const DAY_MS = 86_400_000;

const procedure = loadTemplate('bureau-mhr');
const server = await startTestServer({ env: LONG_SESSIONS });
const superuserUrl = inject('database').superuserUrl;
if (!superuserUrl)
  throw new Error(
    'The clock bench copies cases as the superuser: run it on the embedded database.',
  );

async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A table's columns that take a value on insert (not identities). */
async function insertableColumns(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and is_identity = 'NO'
        and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

interface Template {
  org: ArrangedOrganisation;
  caseId: string;
  version: number;
}

const templates: Template[] = [];
for (let i = 0; i < ORGANISATIONS; i += 1) {
  const org = await arrangeOrganisation(server.ownerOrm, {
    client: ['client'],
    handler: ['handler'],
    manager: ['manager'],
    director: ['director'],
    employee: ['handler'],
  });
  await publishTemplate(server.ownerOrm, org, 'bureau-mhr', org.people.director!);
  const tokens: Record<string, string> = {};
  for (const name of Object.keys(org.people))
    tokens[name] = await signIn(server, org.people[name]!);
  const { caseId } = await walkRoute(
    server,
    procedure,
    routeTo(server, procedure, 'intern:directie'),
    (name: string) => ({ token: tokens[name], organisation: org.slug }),
    org,
    { subjectIds: [org.people.employee!.id] },
  );
  const version = await asSuperuser(async (client) => {
    const { rows } = await client.query<{ version: number }>(
      'select version from cases where organisation_id = $1 and id = $2',
      [org.id, caseId],
    );
    return rows[0]!.version;
  });
  templates.push({ org, caseId, version });
}

/** The copies of each organisation's case: the same state, events and clock job. */
const copies = await asSuperuser(async (client) => {
  const caseColumns = await insertableColumns(client, 'cases');
  const eventColumns = (await insertableColumns(client, 'case_events')).filter(
    (column) => column !== 'case_id',
  );
  const perOrganisation = Math.ceil(CASES / ORGANISATIONS);
  await client.query('begin');
  await client.query(
    'create temp table clones (organisation_id uuid, template_id uuid, id uuid, n int) on commit drop',
  );
  for (const template of templates) {
    await client.query(
      `insert into clones
       select $1::uuid, $2::uuid, gen_random_uuid(), g from generate_series(1, $3::int) g`,
      [template.org.id, template.caseId, perOrganisation],
    );
  }
  const others = caseColumns.filter((column) => !['id', 'reference'].includes(column));
  await client.query(
    `insert into cases (id, reference, ${others.join(', ')})
     select c.id, split_part(t.reference, '-', 1) || '-2026-' || lpad((10000 + c.n)::text, 6, '0'),
            ${others.map((column) => `t.${column}`).join(', ')}
       from clones c join cases t on t.organisation_id = c.organisation_id and t.id = c.template_id`,
  );
  await client.query(
    `insert into case_events (case_id, ${eventColumns.join(', ')})
     select c.id, ${eventColumns.map((column) => `e.${column}`).join(', ')}
       from clones c join case_events e
         on e.organisation_id = c.organisation_id and e.case_id = c.template_id`,
  );
  const { rows } = await client.query<{ organisation_id: string; id: string }>(
    'select organisation_id, id from clones',
  );
  await client.query('commit');
  return rows;
});

/** Each organisation's directie clock job as the walk scheduled it (the rounds use them up). */
const templateJobs = await asSuperuser(async (client) => {
  const jobs = new Map<
    string,
    { task: string; version: number; runAt: Date; maxAttempts: number | null }
  >();
  for (const template of templates) {
    const { rows } = await client.query<{
      task: string;
      payload: { version: number };
      run_at: Date;
      max_attempts: number | null;
    }>(
      'select task, payload, run_at, max_attempts from deferred_jobs where organisation_id = $1 and key = $2',
      [template.org.id, `clock:${template.caseId}:antwoord-directie`],
    );
    const job = rows[0];
    if (!job) throw new Error('The walked case has no directie clock job.');
    jobs.set(template.org.id, {
      task: job.task,
      version: job.payload.version,
      runAt: job.run_at,
      maxAttempts: job.max_attempts,
    });
  }
  return jobs;
});

/** The latest day a directie term ends, among the walked cases (the copies share theirs). */
const lastDirectieDue = await asSuperuser(async (client) => {
  const { rows } = await client.query<{ due: string }>(
    `select max(state -> 'clocks' -> 'antwoord-directie' ->> 'due') as due
       from cases where id = any($1::uuid[])`,
    [templates.map((t) => t.caseId)],
  );
  return new Date(amsterdamMidnight(rows[0]!.due as PlainDate));
});

/** Gives every copy its directie clock job, for its version plus `versionOffset` (stale if not 0). */
async function scheduleClockJobs(versionOffset: number): Promise<{ due: Date }> {
  await asSuperuser(async (client) => {
    for (const template of templates) {
      const job = templateJobs.get(template.org.id)!;
      const ids = copies.filter((c) => c.organisation_id === template.org.id).map((c) => c.id);
      await client.query(
        `insert into deferred_jobs (organisation_id, key, task, payload, run_at, max_attempts, created_at)
         select $1::uuid, 'clock:' || id::text || ':antwoord-directie', $2,
                jsonb_build_object('organisationId', $1::text, 'caseId', id::text, 'version', $3::int),
                $4, $5, now()
           from unnest($6::uuid[]) as id
         on conflict (organisation_id, key) do update set payload = excluded.payload`,
        [template.org.id, job.task, job.version + versionOffset, job.runAt, job.maxAttempts, ids],
      );
    }
  });
  return { due: lastDirectieDue };
}

async function casesWithTheBestuur(): Promise<number> {
  return asSuperuser(async (client) => {
    const { rows } = await client.query<{ count: string }>(
      `select count(*) from cases where id = any($1::uuid[]) and 'intern:bestuur' = any(stages)`,
      [copies.map((c) => c.id)],
    );
    return Number(rows[0]!.count);
  });
}

const worker = await server.startWorker(templates.map((t) => t.org));
afterAll(() => server.close());

interface Round {
  /** Until the queue is empty: the clock jobs and whatever they enqueued (notification mails). */
  seconds: number;
  jobsPerSecond: number;
  /** Until the last case lay with the bestuur (the lag the issue asks for), when cases move. */
  movedSeconds?: number;
}
const results: Record<string, Round> = {};

async function round(name: string, versionOffset: number, watchMoves = false) {
  const { due } = await scheduleClockJobs(versionOffset);
  // The day after the due date, as in the deadline story: every job has fallen due at once.
  server.clock.advanceTo(new Date(due.getTime() + DAY_MS + 60_000));
  const started = performance.now();
  let movedSeconds: number | undefined;
  let draining = true;
  // Looks twice a second whether every case has moved, while the worker drains the queue.
  const watching = (async () => {
    while (watchMoves && draining && movedSeconds === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if ((await casesWithTheBestuur()) === copies.length)
        movedSeconds = (performance.now() - started) / 1000;
    }
  })();
  await worker.drain();
  const seconds = (performance.now() - started) / 1000;
  draining = false;
  await watching;
  results[name] = {
    seconds,
    jobsPerSecond: copies.length / seconds,
    ...(watchMoves ? { movedSeconds: movedSeconds ?? seconds } : {}),
  };
}

// Each round runs once: the jobs it drains are used up.
const once = { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 };

describe(`${copies.length} terms of ${ORGANISATIONS} organisations running out on the same day`, () => {
  bench(
    'baseline: stale clock jobs (queue, tenant transaction, lock, load)',
    () => round('stale', 1000),
    once,
  );
  bench(
    'clock jobs that move each case to the bestuur',
    async () => {
      await round('moved', 0, true);
      const moved = await casesWithTheBestuur();
      if (moved !== copies.length) {
        const errors = await asSuperuser((client) =>
          client.query<{ last_error: string }>(
            `select last_error from graphile_worker._private_jobs where last_error is not null limit 3`,
          ),
        );
        throw new Error(
          `Only ${moved} of ${copies.length} cases moved. ${errors.rows.map((r) => r.last_error).join('\n')}`,
        );
      }
      const { stale, moved: real } = results;
      const file = await writeReport(stale!, real!);
      console.log(
        [
          `clock lag for ${copies.length} cases due at once (one worker), report ${file}:`,
          `  baseline (stale jobs): ${stale!.seconds.toFixed(1)} s, ${stale!.jobsPerSecond.toFixed(0)} jobs/s`,
          `  moved to the bestuur:  last case after ${real!.movedSeconds!.toFixed(1)} s; queue empty after ${real!.seconds.toFixed(1)} s, ${real!.jobsPerSecond.toFixed(0)} clock jobs/s`,
          `  clock_job_ratio (moved jobs/s ÷ baseline jobs/s): ${(real!.jobsPerSecond / stale!.jobsPerSecond).toFixed(2)}`,
        ].join('\n'),
      );
    },
    once,
  );
});

/**
 * bench/results/clock-<cases>-<date>.{md,json}, beside the request bench's reports; `pnpm bench`
 * runs this bench after its own and folds the JSON into its summary.
 */
async function writeReport(stale: Round, moved: Round): Promise<string> {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/results');
  await fs.mkdir(dir, { recursive: true });
  const date = new Date().toISOString();
  const summary = {
    cases: copies.length,
    organisations: ORGANISATIONS,
    command: `BENCH_CLOCK_CASES=${copies.length} pnpm bench:clock`,
    date,
    node: process.version,
    cpus: os.cpus().length,
    // The machine's own load while the bench ran: the absolute figures follow it, the ratio less.
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(1))),
    clock_lag_seconds: Number(moved.movedSeconds!.toFixed(1)),
    clock_queue_empty_seconds: Number(moved.seconds.toFixed(1)),
    clock_jobs_per_second: Number(moved.jobsPerSecond.toFixed(1)),
    clock_baseline_seconds: Number(stale.seconds.toFixed(1)),
    clock_baseline_jobs_per_second: Number(stale.jobsPerSecond.toFixed(1)),
    clock_job_ratio: Number((moved.jobsPerSecond / stale.jobsPerSecond).toFixed(3)),
  };
  const base =
    process.env.BENCH_CLOCK_REPORT ??
    path.join(dir, `clock-${copies.length}-${date.slice(0, 16).replace(/[:T]/g, '-')}`);
  await fs.writeFile(`${base}.json`, `${JSON.stringify(summary, null, 2)}\n`);
  await fs.writeFile(
    `${base}.md`,
    [
      `# Clock lag: ${copies.length} terms running out on the same day, ${date}`,
      '',
      `Command: \`${summary.command}\``,
      '',
      `${copies.length} Bureau MHR complaints of ${ORGANISATIONS} organisations wait for the directie; the worker's clock passes the day their two weeks end and one worker (in the bench's process, beside the server) drains the queue. Node ${process.version}, ${summary.cpus} CPUs, load average ${summary.loadAverage.join(' / ')} at the end.`,
      '',
      '| round | last case moved after (s) | queue empty after (s) | clock jobs/s (to queue empty) |',
      '|---|---|---|---|',
      `| baseline: stale clock jobs (queue, tenant transaction, lock, load) | – | ${summary.clock_baseline_seconds} | ${summary.clock_baseline_jobs_per_second} |`,
      `| clock jobs that move each case to the bestuur (engine, timeline, notifications, next clock; then the notification mail jobs) | ${summary.clock_lag_seconds} | ${summary.clock_queue_empty_seconds} | ${summary.clock_jobs_per_second} |`,
      '',
      `clock_job_ratio (moved jobs/s ÷ baseline jobs/s): ${summary.clock_job_ratio}`,
      '',
    ].join('\n'),
  );
  return `${base}.md`;
}
