// The fan-out phase of `pnpm bench` (issue 9, ADR 0078): N subscribers of `caseUpdated` on the one
// Klachtpad process, each re-authorised by the server for every push; one change at a time is
// committed through the API, and the bench takes, for every subscriber, the time from the
// change's commit (PostgreSQL's own commit timestamp, `track_commit_timestamp`, on the machine's
// clock) to the moment its frame arrived here, and the statements the runtime role ran per change
// (pg_stat_statements). The subscribers and the bench share the machine with the server, so the
// figures include the bench's own reading of N frames per change: its CPU per change is given
// apart from the server's and PostgreSQL's, and it reads each frame as cheaply as it can.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { WebSocket } from 'ws';

export interface FanoutPerson {
  token: string;
  organisation: string;
}

export interface FanoutResult {
  subscribers: number;
  events: number;
  /** Frames expected (subscribers × events) and frames that arrived. */
  expected: number;
  delivered: number;
  /** Frames that arrived more than once for one subscriber and change. */
  duplicates: number;
  /** Frames that arrived after a frame of a later change on the same subscription. */
  outOfOrder: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Statements of the runtime role per change, the committing request included, without the
   * work that runs on a clock (`clockPerSecond`, `sealingPerSecond`).
   */
  statementsPerEvent: number;
  /**
   * Of those, the live feed's own reads: one per notification and one per poll of its timers
   * (ADR 0078), so they follow the seconds a change takes to reach everyone, not the subscribers.
   */
  feedReadsPerEvent: number;
  /**
   * Statements per second of the work that runs on a clock whatever changes: the queue's
   * dispatch rounds (`SCHEDULER_TICK_MS`), the sealing job looking for waiting lines, the feed's
   * safety-net poll. Measured over a quiet window with every subscriber connected and nothing
   * changing, and taken off the changes' count at that rate for the seconds they lasted.
   */
  clockPerSecond: number;
  /**
   * Statements per second of the access log's sealing rounds (a periodic job, once a second),
   * counted by their own text while the changes ran: their number follows the clock, not the
   * lines (a round seals up to 50,000), so they are not counted per change.
   */
  sealingPerSecond: number;
  /** The statements of the changes' window, all of them, per change: nothing taken off. */
  allStatementsPerEvent: number;
  /**
   * CPU per change over the changes' window (user + system, milliseconds): the Klachtpad process,
   * all of PostgreSQL, and the bench itself, which reads every frame on the same two cores.
   */
  cpuMsPerEvent: { server: number; postgres: number; bench: number };
  /** The machine's load average (1 minute) when the measurement started and ended. */
  load: { start: number; end: number };
  /** The most frequent statements of the measurement, for reading where the count comes from. */
  topStatements: { calls: number; query: string }[];
  /**
   * The statements PostgreSQL spent the most time executing in the changes' window, every role's
   * (the sealer's and the queue's too), for reading where a change waits on the database.
   */
  slowestStatements: { calls: number; totalMs: number; query: string }[];
  /** How long the measurement took, warm-up included. */
  seconds: number;
}

const SUBSCRIPTION = `subscription Fanout($caseId: ID) { caseUpdated(caseId: $caseId) { cursor case { id version } events { sequence type } } }`;
const POST = `mutation Post($input: PostMessageInput!) { postMessage(input: $input) { id } }`;

/**
 * The runtime role's statements since the last reset, with those of the access log's sealing
 * rounds (a round is its lock, the waiting lines, the chain's head, the update, and its
 * `begin` and `commit` or `rollback`) and the feed's reads apart. The queue's own statements
 * (graphile-worker's) are not the runtime's work and are left out.
 */
async function countStatements(stats: pg.Client) {
  const { rows } = await stats.query<{ calls: string; feed: string; sealing: string }>(
    `select coalesce(sum(calls), 0) as calls,
            coalesce(sum(calls) filter (where s.query ilike '%app.realtime_feed(%'), 0) as feed,
            coalesce(sum(calls * (case when s.query ilike '%pg_try_advisory_xact_lock(hashtextextended(%'
                                       then 3 else 1 end))
              filter (where s.query ilike '%pg_try_advisory_xact_lock(hashtextextended(%'
                         or s.query ilike '%from access_log%where organisation_id = $1 and hash is null order by id%'
                         or s.query ilike '%from access_log%chain_position is not null%'
                         or s.query ilike '%update access_log l%'), 0) as sealing
       ${COUNTED}`,
  );
  return {
    calls: Number(rows[0]!.calls),
    feed: Number(rows[0]!.feed),
    sealing: Number(rows[0]!.sealing),
  };
}

const COUNTED = `from pg_stat_statements s join pg_roles r on r.oid = s.userid
  where r.rolname = 'klachtpad_app' and s.query not ilike '%graphile_worker%'`;

/** How long the quiet window that measures the clock's work lasts. */
const QUIET_MS = 4000;

/** Wall-clock milliseconds with sub-millisecond resolution. */
const wallNow = () => performance.timeOrigin + performance.now();

interface Subscriber {
  ws: WebSocket;
  /** Arrival time of each change's frame, by the change's transaction id. */
  arrived: Map<string, number>;
  duplicates: number;
  outOfOrder: number;
  /** The cursor of the last frame, to check that each comes after the one before. */
  last: { txid: bigint; id: bigint } | undefined;
}

/** Counts every first arrival, and wakes whoever waits for a number of them. */
class Arrivals {
  count = 0;
  private waiting: { count: number; resolve: () => void } | undefined;

  arrived(): void {
    this.count += 1;
    if (this.waiting && this.count >= this.waiting.count) {
      this.waiting.resolve();
      this.waiting = undefined;
    }
  }

  /** Resolves once `count` frames have arrived in all, or after `deadlineMs`. */
  until(count: number, deadlineMs: number): Promise<void> {
    if (this.count >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve();
      }, deadlineMs);
      this.waiting = {
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });
  }
}

/**
 * How the server writes a push of the bench's own subscription: the payload's fields come in the
 * document's order, so a frame that starts with this is a `next` of operation "f" whose data
 * begins with the cursor. Such a frame is read by scanning for the cursor's end; any other frame
 * (the acknowledgement, errors, anything unexpected) is parsed in full.
 */
const NEXT_PREFIX = Buffer.from(
  '{"id":"f","type":"next","payload":{"data":{"caseUpdated":{"cursor":"',
);
const QUOTE = 0x22;

function cursorOf(frame: Buffer): string | undefined {
  if (frame.length <= NEXT_PREFIX.length) return undefined;
  if (frame.compare(NEXT_PREFIX, 0, NEXT_PREFIX.length, 0, NEXT_PREFIX.length) !== 0)
    return undefined;
  const end = frame.indexOf(QUOTE, NEXT_PREFIX.length);
  return end < 0 ? undefined : frame.toString('latin1', NEXT_PREFIX.length, end);
}

/** Records one change's frame: once, and after the subscription's frame before it. */
function record(subscriber: Subscriber, arrivals: Arrivals, cursor: string, at: number): boolean {
  const match = /^(\d+):(\d+)$/.exec(cursor);
  if (!match) return false;
  const position = { txid: BigInt(match[1]!), id: BigInt(match[2]!) };
  const { last } = subscriber;
  if (
    last &&
    (position.txid < last.txid || (position.txid === last.txid && position.id <= last.id))
  )
    subscriber.outOfOrder += 1;
  subscriber.last = position;
  const txid = match[1]!;
  if (subscriber.arrived.has(txid)) subscriber.duplicates += 1;
  else {
    subscriber.arrived.set(txid, at);
    arrivals.arrived();
  }
  return true;
}

async function openSubscriber(
  url: string,
  person: FanoutPerson,
  caseId: string,
  arrivals: Arrivals,
): Promise<Subscriber> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws', {
    perMessageDeflate: false,
  });
  const subscriber: Subscriber = {
    ws,
    arrived: new Map(),
    duplicates: 0,
    outOfOrder: 0,
    last: undefined,
  };
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () => {
      ws.send(
        JSON.stringify({
          type: 'connection_init',
          payload: { authorization: `Bearer ${person.token}`, organisation: person.organisation },
        }),
      );
    });
    // The first frame of each subscription is parsed in full and must be what the scan assumes.
    let checked = false;
    ws.on('message', (data: Buffer) => {
      const at = wallNow();
      const scanned = checked ? cursorOf(data) : undefined;
      if (scanned !== undefined && record(subscriber, arrivals, scanned, at)) return;
      const frame = JSON.parse(data.toString()) as {
        id?: string;
        type: string;
        payload?: {
          data?: { caseUpdated?: { cursor: string; events?: unknown[] } };
          errors?: unknown;
        };
      };
      if (frame.type === 'connection_ack') {
        ws.send(
          JSON.stringify({
            id: 'f',
            type: 'subscribe',
            payload: { query: SUBSCRIPTION, variables: { caseId } },
          }),
        );
        resolve();
        return;
      }
      const update = frame.payload?.data?.caseUpdated;
      if (
        frame.type === 'next' &&
        frame.id === 'f' &&
        !frame.payload?.errors &&
        update?.cursor &&
        Array.isArray(update.events) &&
        update.events.length > 0 &&
        cursorOf(data) === update.cursor &&
        record(subscriber, arrivals, update.cursor, at)
      ) {
        checked = true;
      } else if (frame.type !== 'pong' && frame.type !== 'ping') {
        console.error(`fanout: unexpected frame ${data.toString().slice(0, 300)}`);
      }
    });
    ws.once('close', (code) => reject(new Error(`closed with ${code} before the acknowledgement`)));
  });
  return subscriber;
}

async function post(url: string, person: FanoutPerson, caseId: string, body: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${person.token}`,
      'x-organisation': person.organisation,
    },
    body: JSON.stringify({
      query: POST,
      variables: { input: { caseId, body, visibility: 'SHARED' } },
    }),
  });
  const answer = (await response.json()) as { errors?: unknown };
  if (answer.errors) throw new Error(`postMessage: ${JSON.stringify(answer.errors)}`);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * One measurement: `count` subscribers spread over `people` (the server caps sockets per
 * person), a warm-up change every subscriber must receive, then `events` changes one after the
 * other, the next once every subscriber has the last (or after `waitMs`).
 */
export async function measureFanout(options: {
  url: string;
  stats: pg.Client;
  people: FanoutPerson[];
  perPerson: number;
  poster: FanoutPerson;
  caseId: string;
  count: number;
  events: number;
  waitMs: number;
  /** Starts a CPU reading of the server and PostgreSQL; its stop gives each one's seconds. */
  cpu: () => () => { server: number; postgres: number };
  /**
   * Where to write each change's window (post to last frame) on the monotonic clock, in
   * microseconds as V8's CPU profiles count them, to read a profile for those windows only.
   */
  windowsFile?: string | undefined;
}): Promise<FanoutResult> {
  const { url, stats, people, caseId, count } = options;
  const subscribers: Subscriber[] = [];
  const arrivals = new Arrivals();
  // Opened a batch at a time: the server authenticates each at connection_init.
  for (let start = 0; start < count; start += 50) {
    const batch = Array.from({ length: Math.min(50, count - start) }, (_, i) => {
      const n = start + i;
      return openSubscriber(url, people[Math.floor(n / options.perPerson)]!, caseId, arrivals);
    });
    subscribers.push(...(await Promise.all(batch)));
  }
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]!;
  try {
    // Every subscription has joined the feed once each has received the warm-up change.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await post(url, options.poster, caseId, 'Warm-up.');
    await arrivals.until(count, Math.max(options.waitMs, 120_000));
    for (const s of subscribers) s.arrived.clear();
    arrivals.count = 0;

    // The clock's work, while nothing changes: a measurement window, not a wait for anything.
    await stats.query('select pg_stat_statements_reset()');
    const quietFrom = wallNow();
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const quiet = await countStatements(stats);
    const quietSeconds = (wallNow() - quietFrom) / 1000;
    const clockPerSecond = (quiet.calls - quiet.sealing) / quietSeconds;

    await stats.query('select pg_stat_statements_reset()');
    const windows: [number, number][] = [];
    const microseconds = () => Number(process.hrtime.bigint() / 1000n);
    const stopCpu = options.cpu();
    const benchFrom = process.cpuUsage();
    const changesFrom = wallNow();
    for (let event = 1; event <= options.events; event += 1) {
      const from = microseconds();
      await post(url, options.poster, caseId, `Bericht ${event} aan ${count}.`);
      await arrivals.until(count * event, options.waitMs);
      windows.push([from, microseconds()]);
    }
    // What is still on its way when the last wait ended is counted as not delivered.
    const bench = process.cpuUsage(benchFrom);
    const used = stopCpu();
    if (options.windowsFile) writeFileSync(options.windowsFile, JSON.stringify(windows));
    const changed = await countStatements(stats);
    const changesSeconds = (wallNow() - changesFrom) / 1000;
    const { rows: top } = await stats.query<{ calls: string; query: string }>(
      `select calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90) as query ${COUNTED}
        order by calls desc limit 8`,
    );
    const { rows: slowest } = await stats.query<{ calls: string; total: string; query: string }>(
      `select calls, total_exec_time as total,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as query
         from pg_stat_statements where query not ilike '%pg_stat_statements%'
        order by total_exec_time desc limit 6`,
    );
    const txids = [...new Set(subscribers.flatMap((s) => [...s.arrived.keys()]))];
    const committed = new Map<string, number>();
    if (txids.length > 0) {
      const { rows: commits } = await stats.query<{ txid: string; at: string }>(
        `select t::text as txid,
                extract(epoch from pg_xact_commit_timestamp(((t::bigint) % 4294967296)::text::xid)) * 1000 as at
           from unnest($1::text[]) t`,
        [txids],
      );
      for (const row of commits) committed.set(row.txid, Number(row.at));
    }
    const latencies: number[] = [];
    for (const s of subscribers)
      for (const [txid, at] of s.arrived) latencies.push(at - committed.get(txid)!);
    latencies.sort((a, b) => a - b);
    return {
      subscribers: count,
      events: options.events,
      expected: count * options.events,
      delivered: latencies.length,
      duplicates: subscribers.reduce((n, s) => n + s.duplicates, 0),
      outOfOrder: subscribers.reduce((n, s) => n + s.outOfOrder, 0),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? Number.NaN,
      statementsPerEvent:
        (changed.calls - changed.sealing - clockPerSecond * changesSeconds) / options.events,
      feedReadsPerEvent: changed.feed / options.events,
      clockPerSecond,
      sealingPerSecond: changed.sealing / changesSeconds,
      allStatementsPerEvent: changed.calls / options.events,
      cpuMsPerEvent: {
        server: (used.server * 1000) / options.events,
        postgres: (used.postgres * 1000) / options.events,
        bench: (bench.user + bench.system) / 1000 / options.events,
      },
      load: { start: loadAtStart, end: os.loadavg()[0]! },
      topStatements: top.map((row) => ({ calls: Number(row.calls), query: row.query })),
      slowestStatements: slowest.map((row) => ({
        calls: Number(row.calls),
        totalMs: Number(row.total),
        query: row.query,
      })),
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    for (const s of subscribers) s.ws.terminate();
    // Let the server notice the closes before the next measurement.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
