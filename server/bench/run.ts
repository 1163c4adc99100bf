// `pnpm bench [--scale tiny|small|medium|large] [--duration 10] [--passes 3] [--connections 50]
//   [--only inbox_manager,me,clock,web,fanout] [--profile] [--clock-cases 10000]
//   [--fanout 1,100,1000,5000] [--growth 10000,1000000]`
//
// One run, one machine, one database: generates the data, starts Klachtpad as it is deployed (the
// built server, one process, production mode, LOG_LEVEL=warn) and beside it the ceiling (a
// minimal node:http + pg server issuing the same statements: bench/ceiling.ts), then loads both
// with wrk at fixed concurrency, alternating Klachtpad and the ceiling in every pass, and writes
// bench/results/<scale>-<date>.{md,json}. The ratio Klachtpad / ceiling is what to read: it shows
// what the GraphQL, ORM and authorisation layers add, and stays put on a busy machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import {
  examplePayload,
  type CaseState,
  type InputDefinition,
  type PlainDate,
} from '@klachtpad/procedures';
import { startEmbeddedPostgres } from '../src/core/db/embedded-postgres.js';
import { createLogger } from '../src/core/logger.js';
import { migrate } from '../src/orm.js';
import { freePort } from '../test/free-port.js';
import {
  addManagers,
  BENCH_PASSWORD,
  cloneTemplateCases,
  createOrganisations,
  emailOf,
  organisationSizes,
  type BenchOrganisation,
  type Scale,
} from './generate.js';
import { measureFanout, type FanoutPerson, type FanoutResult } from './fanout.js';
import {
  INBOX,
  OPERATIONS,
  type Operation,
  type OperationTarget,
  type Person,
} from './operations.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const serverDir = path.resolve(here, '..');

interface Options {
  scale: Scale;
  duration: number;
  passes: number;
  connections: number;
  only: string[] | undefined;
  /** Write a V8 CPU profile of Klachtpad's process to bench/profiles/ (read it in DevTools). */
  profile: boolean;
  /** Terms running out on the same day in the clock bench (bench/clock-lag.bench.ts). */
  clockCases: number;
  /** Subscriber counts of the fan-out phase (ADR 0078); empty to leave it out. */
  fanout: number[];
  /**
   * Sizes of organisations added outside the spread, one each, whose manager's inbox is measured
   * as `inbox_growth_<size>`: how the inbox's latency grows with the organisation (issue 14).
   */
  growth: number[];
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const scale = (value('scale') ?? 'small') as Scale;
  if (!['tiny', 'small', 'medium', 'large'].includes(scale))
    throw new Error(`--scale is tiny, small, medium or large, not ${scale}`);
  return {
    scale,
    duration: Number(value('duration') ?? (scale === 'tiny' ? 8 : 10)),
    passes: Number(value('passes') ?? (scale === 'tiny' ? 1 : 3)),
    connections: Number(value('connections') ?? (scale === 'tiny' ? 10 : 50)),
    only: value('only')?.split(','),
    profile: argv.includes('--profile'),
    clockCases: Number(
      value('clock-cases') ?? { tiny: 100, small: 1_000, medium: 10_000, large: 10_000 }[scale],
    ),
    fanout:
      value('only') && !value('only')!.split(',').includes('fanout')
        ? []
        : (value('fanout') ?? '1,100,1000,5000').split(',').filter(Boolean).map(Number),
    growth: (value('growth') ?? '').split(',').filter(Boolean).map(Number),
  };
}

/** CPU seconds (user + system) each process has used so far. */
function cpuSeconds(pids: number[]): Map<number, number> {
  const ticks = 100; // USER_HZ on Linux
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // The process ended (a PostgreSQL backend that closed): its time is lost to both sides alike.
    }
  }
  return used;
}

/** CPU seconds used between two readings by the processes alive at the second (new ones whole). */
function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Every process of the PostgreSQL cluster: the postmaster and its backends. */
function postgresPids(pgData: string): number[] {
  const postmaster = Number(
    readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return (
          readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] ===
          String(postmaster)
        );
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

async function waitForReady(url: string, child: ChildProcess) {
  // Klachtpad migrates its fresh database before it is ready: on a shared machine under load
  // that took longer than two minutes. Patience costs nothing when it is quick.
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not become ready`);
}

export interface WrkResult {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Answered 200 with GraphQL errors or an ActionRefused: not what the load meant to do. */
  refused: number;
  errors: number;
}

/** wrk at fixed concurrency, bodies round-robin from the list, latency percentiles from its summary. */
async function runWrk(
  url: string,
  requests: { path: string; headers: Record<string, string>; body: string }[],
  options: { duration: number; connections: number; dir: string },
): Promise<WrkResult> {
  const script = path.join(options.dir, `wrk-${Math.random().toString(36).slice(2)}.lua`);
  const lua = [
    'local requests = {',
    ...requests.map(
      (r) =>
        `  { path = ${JSON.stringify(r.path)}, body = ${luaString(r.body)}, headers = { ${Object.entries(
          r.headers,
        )
          .map(([k, v]) => `[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
          .join(', ')} } },`,
    ),
    '}',
    // Globals, not locals: `thread:set` sets a global of the thread's own Lua state, which a
    // local of the same name would shadow (then every thread started at the same request and
    // performAction sent each case twice: one move and one version conflict).
    'counter = 0',
    'thread_offset = 0',
    'refused = 0',
    // Threads start evenly apart in the list, so none reaches what another already sent.
    'local threads = {}',
    'function setup(thread) thread:set("thread_offset", #threads * math.floor(#requests / 2)); table.insert(threads, thread) end',
    'function request()',
    '  counter = counter + 1',
    '  local r = requests[((counter + thread_offset) % #requests) + 1]',
    '  return wrk.format("POST", r.path, r.headers, r.body)',
    'end',
    // An answer of 200 that refuses (GraphQL errors, ActionRefused) is a failed request too.
    'function response(status, headers, body)',
    '  if status == 200 and (body:find(\'"errors"\', 1, true) or body:find("ActionRefused", 1, true)) then refused = refused + 1 end',
    'end',
    'function done(summary, latency, requests)',
    '  local refusedTotal = 0',
    '  for _, thread in ipairs(threads) do refusedTotal = refusedTotal + thread:get("refused") end',
    '  io.write(string.format("JSON{\\"requests\\":%d,\\"seconds\\":%f,\\"p50\\":%f,\\"p99\\":%f,\\"non2xx\\":%d,\\"refused\\":%d,\\"errors\\":%d}\\n",',
    '    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,',
    '    summary.errors.status, refusedTotal, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))',
    'end',
  ].join('\n');
  await fs.writeFile(script, lua);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      'wrk',
      [
        '-t',
        '2',
        '-c',
        String(options.connections),
        '-d',
        `${options.duration}s`,
        '--timeout',
        '30s',
        '-s',
        script,
        url,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`wrk: ${code}\n${out}`)),
    );
  });
  const json = /JSON(\{.*\})/.exec(output)?.[1];
  if (!json) throw new Error(`wrk printed no summary:\n${output}`);
  if (process.env.BENCH_DEBUG) console.log(output);
  const parsed = JSON.parse(json) as {
    requests: number;
    seconds: number;
    p50: number;
    p99: number;
    non2xx: number;
    refused: number;
    errors: number;
  };
  return {
    requests: parsed.requests,
    seconds: parsed.seconds,
    rps: parsed.requests / parsed.seconds,
    p50Ms: parsed.p50,
    p99Ms: parsed.p99,
    non2xx: parsed.non2xx,
    refused: parsed.refused,
    errors: parsed.errors,
  };
}

function luaString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

interface Measured extends WrkResult {
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  statementsPerRequest: number;
  residentMb: number;
  /** Backends of the runtime role in each state, on average over the run (sampleWaits). */
  waits: Record<string, number>;
}

export interface Server {
  name: 'klachtpad' | 'ceiling';
  url: string;
  child: ChildProcess;
}

function profileFlags(options: Options): string[] {
  if (!options.profile) return [];
  return ['--cpu-prof', `--cpu-prof-dir=${path.join(serverDir, 'bench/profiles')}`];
}

function startProcess(
  name: Server['name'],
  command: string[],
  env: Record<string, string>,
): ChildProcess {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') console.error(`${name} exited: ${code ?? signal}`);
  });
  return child;
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!existsSync(path.join(serverDir, 'dist/main.js')))
    throw new Error('Build first: pnpm build (pnpm bench does).');
  if (options.only && options.only.every((name) => SEPARATE_BENCHES.includes(name))) {
    await runSeparateBenches(options, console.log);
    return;
  }
  const log = createLogger('warn');
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'klachtpad-bench-'));
  const started = Date.now();
  const say = (message: string) =>
    console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

  // One PostgreSQL for both servers, with statement counting (needs a restart to preload).
  const pgPort = await freePort();
  let database = await startEmbeddedPostgres({ dataDir: work, port: pgPort, log });
  const superuser = new pg.Client({ connectionString: database.superuserUrl });
  await superuser.connect();
  await superuser.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`);
  await superuser.query(`alter system set pg_stat_statements.track = 'all'`);
  // The fan-out phase measures from each change's commit (bench/fanout.ts).
  await superuser.query(`alter system set track_commit_timestamp = on`);
  await superuser.end();
  await database.stop();
  database = await startEmbeddedPostgres({ dataDir: work, port: pgPort, log });
  const stats = new pg.Client({ connectionString: database.superuserUrl });
  stats.on('error', () => undefined);
  await stats.connect();
  await stats.query('create extension if not exists pg_stat_statements');
  await migrate(database.ownerUrl);

  say(`scale ${options.scale}: creating organisations`);
  const sizes = organisationSizes(options.scale);
  // One more organisation, outside the spread, holds the fresh cases performAction moves on; the
  // growth organisations come after it.
  const created = await createOrganisations(database.ownerUrl, [...sizes, 0, ...options.growth]);
  const organisations = created.slice(0, sizes.length);
  const actionsOrganisation = created[sizes.length]!;
  const growthOrganisations = created.slice(sizes.length + 1);
  const largest = organisations[0]!;

  const children: ChildProcess[] = [];
  const cleanUp = async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) =>
            child.exitCode !== null ? resolve(null) : child.once('exit', resolve),
          ),
      ),
    );
    await stats.end().catch(() => undefined);
    await database.stop();
    await fs.rm(work, { recursive: true, force: true });
  };
  try {
    const klachtpadPort = await freePort();
    const klachtpad: Server = {
      name: 'klachtpad',
      url: `http://127.0.0.1:${klachtpadPort}`,
      child: startProcess('klachtpad', ['node', ...profileFlags(options), 'dist/main.js'], {
        KLACHTPAD_MODE: 'production',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: String(klachtpadPort),
        DATABASE_URL: database.runtimeUrl,
        MIGRATION_DATABASE_URL: database.ownerUrl,
        // An own database needs the key that seals second-factor secrets (ADR 0060): a fresh one
        // per run, as the run's database is.
        MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        SEED_DEMO: 'never',
        // The load is one person per operation: budgets made for people would throttle it. The
        // limiter still runs and is measured; it only never refuses.
        RATE_LIMIT_USER_COST: String(1e12),
        RATE_LIMIT_ORGANISATION_COST: String(1e12),
        SESSION_IDLE_MINUTES: String(24 * 60),
        // The fan-out phase holds up to 1,000 sockets per person, and measures the cost per
        // change, not the sockets' periodic session checks (ADR 0078).
        WS_MAX_SOCKETS_PER_USER: '1000',
        WS_SESSION_RECHECK_MS: '600000',
      }),
    };
    children.push(klachtpad.child);
    await waitForReady(klachtpad.url, klachtpad.child);
    say('Klachtpad ready; filing the template cases through it');
    const target = await prepareTargets(
      klachtpad.url,
      database.ownerUrl,
      largest,
      organisations,
      growthOrganisations,
      {
        organisation: actionsOrganisation,
        count: freshCasesPerRun(options) * (2 * options.passes + 2) * 2,
        perRun: freshCasesPerRun(options),
      },
    );

    const operationsToRun = [
      ...OPERATIONS.filter((op) => !options.only || options.only.includes(op.name)),
      ...target.growth.map(growthOperation),
    ];
    const ceilingPort = await freePort();
    const ceiling: Server = {
      name: 'ceiling',
      url: `http://127.0.0.1:${ceilingPort}`,
      child: startProcess('ceiling', ['node', '--import', 'tsx', 'bench/ceiling.ts'], {
        PORT: String(ceilingPort),
        DATABASE_URL: database.runtimeUrl,
        NODE_OPTIONS: '--conditions=source',
      }),
    };
    children.push(ceiling.child);
    await waitForReady(ceiling.url, ceiling.child);
    const pgData = path.join(work, 'pg');

    // Every operation must answer on both sides before anything is measured.
    for (const operation of operationsToRun)
      for (const server of [klachtpad, ceiling]) {
        const [first] = operation.requests(server.name, target);
        const response = await fetch(`${server.url}${first!.path}`, {
          method: 'POST',
          headers: first!.headers,
          body: first!.body,
        });
        const text = await response.text();
        if (!response.ok || text.includes('"errors"') || text.includes('ActionRefused'))
          throw new Error(
            `${operation.name} on ${server.name}: ${response.status} ${text.slice(0, 500)}`,
          );
        if (process.env.BENCH_DEBUG) console.log(operation.name, server.name, text.slice(0, 300));
      }

    const results: Record<string, Record<Server['name'], Measured[]>> = {};
    const operations = operationsToRun;
    for (let pass = 1; pass <= options.passes; pass += 1) {
      for (const operation of operations) {
        for (const server of pass % 2 === 1 ? [klachtpad, ceiling] : [ceiling, klachtpad]) {
          const measured = await measure(server, operation, target, {
            ...options,
            dir: work,
            stats,
            pgData,
          });
          (results[operation.name] ??= { klachtpad: [], ceiling: [] })[server.name].push(measured);
          say(
            `pass ${pass} ${operation.name.padEnd(14)} ${server.name.padEnd(9)} ${measured.rps.toFixed(0).padStart(6)} req/s  p50 ${measured.p50Ms.toFixed(1)} ms  p99 ${measured.p99Ms.toFixed(1)} ms  ${measured.statementsPerRequest.toFixed(1)} stmts  node ${measured.serverCpuMsPerRequest.toFixed(2)} ms  pg ${measured.postgresCpuMsPerRequest.toFixed(2)} ms  waits ${JSON.stringify(measured.waits)}${measured.non2xx + measured.refused + measured.errors > 0 ? `  FAILED ${measured.non2xx} non-2xx ${measured.refused} refused ${measured.errors} errors` : ''}`,
          );
        }
      }
    }

    const fanout: FanoutResult[] = [];
    if (options.fanout.length > 0) {
      say('fan-out: signing in the subscribers');
      const people = await fanoutPeople(
        klachtpad.url,
        database.ownerUrl,
        largest,
        Math.ceil(Math.max(...options.fanout) / 1000),
      );
      for (const count of options.fanout) {
        const measured = await measureFanout({
          url: klachtpad.url,
          stats,
          people,
          perPerson: 1000,
          poster: people[0]!,
          caseId: target.caseId,
          count,
          events: count >= 1000 ? 5 : 20,
          waitMs: 120_000,
          cpu: () => {
            const pids = () => [klachtpad.child.pid!];
            const before = {
              server: cpuSeconds(pids()),
              postgres: cpuSeconds(postgresPids(pgData)),
            };
            return () => ({
              server: cpuBetween(before.server, cpuSeconds(pids())),
              postgres: cpuBetween(before.postgres, cpuSeconds(postgresPids(pgData))),
            });
          },
          windowsFile: options.profile
            ? path.join(serverDir, 'bench/profiles', `fanout-${count}-windows.json`)
            : undefined,
        });
        fanout.push(measured);
        say(
          `fan-out ${String(count).padStart(5)} subscribers: p50 ${measured.p50Ms.toFixed(1)} ms  p99 ${measured.p99Ms.toFixed(1)} ms  max ${measured.maxMs.toFixed(1)} ms  ${measured.delivered}/${measured.expected} delivered  ${measured.duplicates} duplicates  ${measured.outOfOrder} out of order  cpu/change server ${measured.cpuMsPerEvent.server.toFixed(1)} ms pg ${measured.cpuMsPerEvent.postgres.toFixed(1)} ms bench ${measured.cpuMsPerEvent.bench.toFixed(1)} ms  ${measured.statementsPerEvent.toFixed(1)} stmts/change (${measured.feedReadsPerEvent.toFixed(1)} feed reads; ${measured.allStatementsPerEvent.toFixed(1)} with the clock's)  clock ${measured.clockPerSecond.toFixed(1)}/s  sealing ${measured.sealingPerSecond.toFixed(1)}/s  load ${measured.load.start.toFixed(1)}→${measured.load.end.toFixed(1)}`,
        );
        for (const statement of measured.topStatements)
          say(`  ${String(statement.calls).padStart(6)}  ${statement.query}`);
        for (const statement of measured.slowestStatements)
          say(
            `  ${statement.totalMs.toFixed(1).padStart(8)} ms in ${String(statement.calls).padStart(4)}  ${statement.query}`,
          );
      }
    }

    const report = await writeReport(options, sizes, results, target, fanout);
    say(`report: ${report}`);
    await runSeparateBenches(options, say);
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

/**
 * Benches with a baseline of their own, each run as its own process after the request bench:
 * - `clock` (issue 10): time moving cases on its own, on the test harness's database and worker
 *   (its baseline is the same jobs finding their case changed, both rounds in one process);
 * - `web` (issues 12, 13): the web client in Chromium against the real server, against the
 *   sign-in page in the same run (tests/bench/web.ts).
 */
const SEPARATE_BENCHES = ['clock', 'web'];

async function runSeparateBenches(options: Options, say: (message: string) => void) {
  const wanted = (name: string) => !options.only || options.only.includes(name);
  if (wanted('clock')) {
    say(`clock: ${options.clockCases} terms running out on the same day`);
    say(
      `clock report: ${await runReporting(['pnpm', 'exec', 'vitest', 'bench', '--run', 'bench/clock-lag.bench.ts'], { BENCH_CLOCK_CASES: String(options.clockCases) })}`,
    );
  }
  if (wanted('web')) {
    say('web: the web client in Chromium');
    say(
      `web report: ${await runReporting(['node', '--import', 'tsx', '../tests/bench/web.ts'], {})}`,
    );
  }
}

/** Runs a bench process that prints `report <path>.md`, and returns that path. */
async function runReporting(command: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: serverDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const report = /report:? (\S+\.md)/.exec(output)?.[1];
  if (code !== 0 || !report) throw new Error(`${command.join(' ')} failed (exit ${code}).`);
  return report;
}

/**
 * Enough fresh cases for one run of performAction on one side (a repeat would be a conflict):
 * each of wrk's two threads has half of them before it reaches the other's, so a side may serve
 * up to 600 requests a second before any case comes round twice (a refused answer would say).
 */
function freshCasesPerRun(options: Options): number {
  return Math.min(8_000, 600 * options.duration);
}

async function measure(
  server: Server,
  operation: Operation,
  target: OperationTarget,
  options: Options & { dir: string; stats: pg.Client; pgData: string },
): Promise<Measured> {
  // Warm-up: the JIT, the pool, the plan cache; not measured. Its own requests: performAction's
  // are fresh cases, and a case the warm-up moved would be a version conflict in the run.
  await runWrk(server.url, operation.requests(server.name, target), {
    ...options,
    duration: 1,
    connections: options.connections,
  });
  const requests = operation.requests(server.name, target);
  await options.stats.query('select pg_stat_statements_reset()');
  const before = {
    server: cpuSeconds([server.child.pid!]),
    pg: cpuSeconds(postgresPids(options.pgData)),
  };
  const waits = sampleWaits(options.stats);
  const result = await runWrk(server.url, requests, options);
  const waited = await waits.stop();
  if (result.requests === 0)
    console.error(
      `${operation.name} on ${server.name}: no request finished in ${options.duration} s`,
    );
  const per = Math.max(result.requests, 1);
  const after = {
    server: cpuSeconds([server.child.pid!]),
    pg: cpuSeconds(postgresPids(options.pgData)),
  };
  const { rows } = await options.stats.query<{ calls: string }>(
    `select coalesce(sum(calls), 0) as calls from pg_stat_statements s join pg_roles r on r.oid = s.userid
      where r.rolname = 'klachtpad_app' and s.query not ilike '%graphile_worker%'`,
  );
  if (process.env.BENCH_STATEMENTS) {
    // Which statements a request issues, with their calls per request: where the count comes from.
    const { rows: statements } = await options.stats.query<{ calls: string; query: string }>(
      `select calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query from pg_stat_statements s
         join pg_roles r on r.oid = s.userid
        where r.rolname = 'klachtpad_app' and s.query not ilike '%graphile_worker%'
        order by calls desc limit 40`,
    );
    for (const row of statements)
      console.log(`  ${(Number(row.calls) / per).toFixed(2).padStart(6)}  ${row.query}`);
  }
  return {
    ...result,
    serverCpuMsPerRequest: (cpuBetween(before.server, after.server) * 1000) / per,
    postgresCpuMsPerRequest: (cpuBetween(before.pg, after.pg) * 1000) / per,
    statementsPerRequest: Number(rows[0]!.calls) / per,
    residentMb: residentMb(server.child.pid!),
    waits: waited,
  };
}

/**
 * What the runtime role's backends are doing while the load runs, sampled from pg_stat_activity
 * every 50 ms: `active` with a wait event is waiting inside PostgreSQL (a lock, I/O), `idle in
 * transaction` is PostgreSQL waiting for the server to send the next statement. Shares of all
 * samples, so they say where a request's time goes on the database's side.
 */
function sampleWaits(stats: pg.Client): { stop(): Promise<Record<string, number>> } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await stats.query<{ what: string; n: string }>(
        `select state || coalesce(' / ' || wait_event_type || ':' || wait_event, '') as what, count(*) as n
           from pg_stat_activity
          where usename = 'klachtpad_app' and state is not null and query not ilike '%graphile_worker%'
          group by 1`,
      );
      samples += 1;
      for (const row of rows) counts.set(row.what, (counts.get(row.what) ?? 0) + Number(row.n));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return Object.fromEntries(
        [...counts]
          .sort((a, b) => b[1] - a[1])
          .map(([what, n]) => [what, Number((n / Math.max(samples, 1)).toFixed(2))]),
      );
    },
  };
}

const SIGN_IN = `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`;

async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  as: { token?: string; organisation?: string } = {},
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(as.token ? { authorization: `Bearer ${as.token}` } : {}),
      ...(as.organisation ? { 'x-organisation': as.organisation } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data)
    throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const FILE = `mutation File($input: FileComplaintInput!) { fileComplaint(input: $input) { __typename ... on CaseChanged { case { id version } } ... on ActionRefused { code } } }`;
const ACTIONS = `query Actions($id: ID!) { case(id: $id) { version availableActions { id inputs } } }`;
const PERFORM = `mutation Perform($input: PerformActionInput!) { performAction(input: $input) { __typename ... on CaseChanged { case { version } } ... on ActionRefused { code reasons { message { en } } } } }`;
const POST = `mutation Post($input: PostMessageInput!) { postMessage(input: $input) { id } }`;

/**
 * Signs in the people the load runs as, files the template cases in the largest organisation
 * through the server (each walked a few actions further than the one before, so the copies stand
 * in different stages), copies them into every organisation, and sets aside fresh cases for
 * `performAction`, which moves each case on once.
 */
async function prepareTargets(
  url: string,
  ownerUrl: string,
  largest: BenchOrganisation,
  organisations: BenchOrganisation[],
  growth: BenchOrganisation[],
  fresh: { organisation: BenchOrganisation; count: number; perRun: number },
): Promise<OperationTarget & { growth: GrowthTarget[] }> {
  const signIn = async (email: string) =>
    (await gql<{ signIn: { token: string } }>(url, SIGN_IN, { email, password: BENCH_PASSWORD }))
      .signIn.token;
  const manager = {
    token: await signIn(emailOf('manager', largest.slug)),
    organisation: largest.slug,
  };
  const handler = {
    token: await signIn(emailOf('handler', largest.slug, 0)),
    organisation: largest.slug,
  };
  const client = {
    token: await signIn(emailOf('client', largest.slug)),
    organisation: largest.slug,
  };
  const director = {
    token: await signIn(emailOf('director', largest.slug)),
    organisation: largest.slug,
  };

  const templates: string[] = [];
  let firstAction: OperationTarget['firstAction'] | undefined;
  const owner = new pg.Client({ connectionString: ownerUrl });
  owner.on('error', () => undefined);
  await owner.connect();
  const stateOf = async (caseId: string) => {
    await owner.query('begin');
    await owner.query(`select set_config('app.organisation_id', $1, true)`, [largest.id]);
    const { rows } = await owner.query<{ state: CaseState }>(
      `select state from cases where id = $1`,
      [caseId],
    );
    await owner.query('commit');
    return rows[0]!.state;
  };
  const today = new Date().toISOString().slice(0, 10) as PlainDate;
  for (let walk = 0; walk < 6; walk += 1) {
    const filed = await gql<{ fileComplaint: { __typename: string; case?: { id: string } } }>(
      url,
      FILE,
      {
        input: {
          complainant: 'client',
          parts: [
            { summary: `Voorbeeldklacht ${walk + 1}: de afspraak werd zonder bericht verzet.` },
          ],
        },
      },
      client,
    );
    const caseId = filed.fileComplaint.case?.id;
    if (!caseId) throw new Error(`template complaint refused: ${JSON.stringify(filed)}`);
    templates.push(caseId);
    await gql(
      url,
      POST,
      { input: { caseId, body: 'Ik wil graag weten wanneer ik iets hoor.', visibility: 'SHARED' } },
      client,
    );
    await gql(
      url,
      POST,
      {
        input: {
          caseId,
          body: 'Intern: cliënt gebeld, terugbellen volgt.',
          visibility: 'INTERNAL',
        },
      },
      manager,
    );
    const taken = new Set<string>();
    for (let step = 0; step < walk; step += 1) {
      const { case: kase } = await gql<{
        case: { version: number; availableActions: { id: string; inputs: InputDefinition[] }[] };
      }>(url, ACTIONS, { id: caseId }, director);
      const state = await stateOf(caseId);
      let moved = false;
      for (const action of kase.availableActions.filter((a) => !taken.has(a.id))) {
        const payload = examplePayload(action.inputs, state, today);
        const done = await gql<{ performAction: { __typename: string } }>(
          url,
          PERFORM,
          { input: { caseId, action: action.id, expectedVersion: kase.version, payload } },
          director,
        );
        if (process.env.BENCH_DEBUG)
          console.log(action.id, JSON.stringify(payload), JSON.stringify(done));
        if (done.performAction.__typename === 'CaseChanged') {
          taken.add(action.id);
          if (step === 0) firstAction ??= { id: action.id, payload };
          moved = true;
          break;
        }
      }
      if (!moved) break;
    }
  }
  if (!firstAction) throw new Error('no action the manager can take on a new complaint');

  // The fresh cases performAction moves on, one each: copies of the first template, kept apart.
  await cloneTemplateCases(ownerUrl, largest, [templates[0]!], [fresh.organisation], {
    count: fresh.count,
  });
  await owner.query('begin');
  await owner.query(`select set_config('app.organisation_id', $1, true)`, [fresh.organisation.id]);
  const freshCases = await owner.query<{ id: string; version: number }>(
    `select id, version from cases order by id`,
  );
  await owner.query('commit');
  await owner.end();
  // …then everything else, with the templates' stages spread over every organisation.
  await cloneTemplateCases(ownerUrl, largest, templates, [...organisations, ...growth]);
  return {
    organisation: largest,
    manager,
    handler,
    client,
    director: {
      token: await signIn(emailOf('director', fresh.organisation.slug)),
      organisation: fresh.organisation.slug,
    },
    caseId: templates[templates.length - 1]!,
    firstAction,
    freshCases: freshCases.rows,
    freshCasesPerRun: fresh.perRun,
    freshCasesTaken: 0,
    growth: await Promise.all(
      growth.map(async (organisation) => ({
        size: organisation.size,
        manager: {
          token: await signIn(emailOf('manager', organisation.slug)),
          organisation: organisation.slug,
        },
      })),
    ),
  };
}

interface GrowthTarget {
  size: number;
  manager: Person;
}

/** The manager's inbox in an organisation of one size, outside the spread. */
function growthOperation(growth: GrowthTarget): Operation {
  return {
    name: `inbox_growth_${growth.size}`,
    requests: (server) => [
      {
        path: server === 'klachtpad' ? '/graphql' : '/inbox',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${growth.manager.token}`,
          'X-Organisation': growth.manager.organisation,
        },
        body: server === 'klachtpad' ? JSON.stringify({ query: INBOX }) : '{}',
      },
    ],
  };
}

/**
 * Who subscribes in the fan-out phase: five managers of the largest organisation, added for it,
 * each signed in once. The server caps sockets per person (1,000 here), so 5,000 subscribers need
 * five people; every subscriber may see the case.
 */
async function fanoutPeople(
  url: string,
  ownerUrl: string,
  organisation: BenchOrganisation,
  count: number,
): Promise<FanoutPerson[]> {
  const people: FanoutPerson[] = [];
  for (const email of await addManagers(ownerUrl, organisation, count)) {
    const { signIn } = await gql<{ signIn: { token: string } }>(url, SIGN_IN, {
      email,
      password: BENCH_PASSWORD,
    });
    people.push({ token: signIn.token, organisation: organisation.slug });
  }
  return people;
}

async function writeReport(
  options: Options,
  sizes: number[],
  results: Record<string, Record<Server['name'], Measured[]>>,
  target: OperationTarget,
  fanout: FanoutResult[],
): Promise<string> {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const summary: Record<string, unknown> = {
    scale: options.scale,
    organisations: sizes.length,
    cases: sizes.reduce((a, b) => a + b, 0),
    largestOrganisationCases: target.organisation.size,
    connections: options.connections,
    durationSeconds: options.duration,
    passes: options.passes,
    node: process.version,
    cpus: os.cpus().length,
    command: `pnpm bench --scale ${options.scale} --duration ${options.duration} --passes ${options.passes} --connections ${options.connections}${options.only ? ` --only ${options.only.join(',')}` : ''}${options.fanout.length > 0 ? ` --fanout ${options.fanout.join(',')}` : ''}${options.growth.length > 0 ? ` --growth ${options.growth.join(',')}` : ''}`,
    date: new Date().toISOString(),
  };
  const rows: string[] = [];
  const operations: Record<string, unknown> = {};
  for (const [name, sides] of Object.entries(results)) {
    const ratios = sides.klachtpad.map((k, i) => k.rps / sides.ceiling[i]!.rps);
    const side = (list: Measured[]) => ({
      rps: median(list.map((m) => m.rps)),
      p50Ms: median(list.map((m) => m.p50Ms)),
      p99Ms: median(list.map((m) => m.p99Ms)),
      serverCpuMsPerRequest: median(list.map((m) => m.serverCpuMsPerRequest)),
      postgresCpuMsPerRequest: median(list.map((m) => m.postgresCpuMsPerRequest)),
      statementsPerRequest: median(list.map((m) => m.statementsPerRequest)),
      residentMb: Math.max(...list.map((m) => m.residentMb)),
      failed: list.reduce((n, m) => n + m.non2xx + m.refused + m.errors, 0),
      passes: list,
    });
    const k = side(sides.klachtpad);
    const c = side(sides.ceiling);
    summary[`${name}_ratio`] = Number(median(ratios).toFixed(3));
    operations[name] = {
      ratioPerPass: ratios.map((r) => Number(r.toFixed(3))),
      klachtpad: k,
      ceiling: c,
    };
    rows.push(
      `| ${name} | ${median(ratios).toFixed(2)}× (${ratios.map((r) => r.toFixed(2)).join(', ')}) | ${k.rps.toFixed(0)} / ${c.rps.toFixed(0)} | ${k.p50Ms.toFixed(1)} / ${c.p50Ms.toFixed(1)} | ${k.p99Ms.toFixed(1)} / ${c.p99Ms.toFixed(1)} | ${k.serverCpuMsPerRequest.toFixed(2)} / ${c.serverCpuMsPerRequest.toFixed(2)} | ${k.postgresCpuMsPerRequest.toFixed(2)} / ${c.postgresCpuMsPerRequest.toFixed(2)} | ${k.statementsPerRequest.toFixed(1)} / ${c.statementsPerRequest.toFixed(1)} | ${k.residentMb} | ${k.failed + c.failed} |`,
    );
  }
  // Growth (issue 14): the inbox's median latency in the largest growth organisation over the
  // smallest one's, Klachtpad's and the ceiling's.
  const growthNames = Object.keys(results)
    .filter((name) => name.startsWith('inbox_growth_'))
    .sort((a, b) => Number(a.split('_').at(-1)) - Number(b.split('_').at(-1)));
  const growthLines: string[] = [];
  if (growthNames.length >= 2) {
    const [smallest, largestGrowth] = [growthNames[0]!, growthNames.at(-1)!];
    for (const side of ['klachtpad', 'ceiling'] as const) {
      const p50 = (name: string) => median(results[name]![side].map((m) => m.p50Ms));
      const ratio = p50(largestGrowth) / p50(smallest);
      summary[`inbox_growth_${side}_p50_ratio`] = Number(ratio.toFixed(3));
      growthLines.push(
        `Growth, ${side}: inbox p50 ${p50(largestGrowth).toFixed(1)} ms at ${largestGrowth.split('_').at(-1)} cases vs ${p50(smallest).toFixed(1)} ms at ${smallest.split('_').at(-1)}: ${ratio.toFixed(2)}×.`,
      );
    }
  }
  const dir = path.join(serverDir, '..', 'bench', 'results');
  await fs.mkdir(dir, { recursive: true });
  const base = path.join(
    dir,
    `${options.scale}-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}`,
  );
  await fs.writeFile(
    `${base}.json`,
    `${JSON.stringify({ ...summary, operations, fanout }, null, 2)}\n`,
  );
  const md = [
    `# Benchmark: scale ${options.scale}, ${summary.date as string}`,
    '',
    `Command: \`${summary.command as string}\``,
    '',
    `${sizes.length} organisations, ${String(summary.cases)} cases (largest ${target.organisation.size}); wrk, ${options.connections} connections, ${options.duration} s per side per pass, ${options.passes} passes alternating Klachtpad and the ceiling; Node ${process.version}, ${os.cpus().length} CPUs.`,
    '',
    'Each cell is Klachtpad / ceiling (median over passes). CPU is per request: the server process, and all of PostgreSQL. Statements are counted by pg_stat_statements for the runtime role.',
    '',
    '| operation | ratio (per pass) | req/s | p50 ms | p99 ms | node CPU ms | PG CPU ms | statements | Klachtpad RSS MB | failed |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...(growthLines.length > 0 ? [...growthLines, ''] : []),
    ...(fanout.length > 0
      ? [
          '## Fan-out: caseUpdated, commit to delivery',
          '',
          "Subscribers of one case on the one process, each re-authorised per push; changes committed one at a time through `postMessage`. Latency is from PostgreSQL's commit timestamp to the frame arriving at the bench (which reads every frame on the same machine). Statements are the runtime role's per change, the committing request included; the feed's own reads (one per notification and per poll of its timers, so they follow how long a change takes to reach everyone) are also given apart.",
          '',
          "The work that runs on a clock is counted per second, not per change: the queue's dispatch rounds, the sealing job looking for lines and the feed's safety net (measured over a quiet window of every size, subscribers connected and nothing changing, and taken off the changes' count at that rate for the seconds they lasted), and the access log's sealing rounds (a periodic job, counted by their statements' text). 'all per change' is every statement of the changes' window, nothing taken off. Load is the machine's 1-minute load average at the start and end of each size.",
          '',
          "CPU per change is the changes' window's user and system time divided by the changes: the Klachtpad process, all of PostgreSQL, and the bench, which holds every subscriber's socket and reads every frame on the same two cores (it checks the first frame of each subscription in full and then scans each frame for its cursor; every frame must come once and after the one before, 'out of order' counts those that did not).",
          '',
          '| subscribers | changes | delivered | duplicates | out of order | p50 ms | p99 ms | max ms | server CPU ms per change | PostgreSQL CPU ms | bench CPU ms | statements per change | of which feed reads | clock per s | sealing per s | all per change | load |',
          '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
          ...fanout.map(
            (f) =>
              `| ${f.subscribers} | ${f.events} | ${f.delivered}/${f.expected} | ${f.duplicates} | ${f.outOfOrder} | ${f.p50Ms.toFixed(1)} | ${f.p99Ms.toFixed(1)} | ${f.maxMs.toFixed(1)} | ${f.cpuMsPerEvent.server.toFixed(1)} | ${f.cpuMsPerEvent.postgres.toFixed(1)} | ${f.cpuMsPerEvent.bench.toFixed(1)} | ${f.statementsPerEvent.toFixed(1)} | ${f.feedReadsPerEvent.toFixed(1)} | ${f.clockPerSecond.toFixed(1)} | ${f.sealingPerSecond.toFixed(1)} | ${f.allStatementsPerEvent.toFixed(1)} | ${f.load.start.toFixed(1)}–${f.load.end.toFixed(1)} |`,
          ),
          '',
        ]
      : []),
  ].join('\n');
  await fs.writeFile(`${base}.md`, md);
  return `${base}.md`;
}

await main();
