import pg from 'pg';
import type { Logger } from '../logger.js';

/** The channel the outbox tables' trigger notifies, with no content (migration 0075). */
export const REALTIME_CHANNEL = 'klachtpad_realtime';

/** A position in the feed: the writing transaction, then the row's id (ADR 0075). */
export interface FeedPosition {
  txid: bigint;
  id: bigint;
}

/** Orders two positions: negative when `a` comes first. */
export function comparePositions(a: FeedPosition, b: FeedPosition): number {
  if (a.txid !== b.txid) return a.txid < b.txid ? -1 : 1;
  return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** `txid:id`, opaque to clients: the `after` of a subscription that resumes. */
export function encodePosition(position: FeedPosition): string {
  return `${position.txid}:${position.id}`;
}

/** Reads a position a client sent back; undefined for anything that is not one. */
export function decodePosition(cursor: string): FeedPosition | undefined {
  const match = /^(\d{1,20}):(\d{1,20})$/.exec(cursor);
  return match ? { txid: BigInt(match[1]!), id: BigInt(match[2]!) } : undefined;
}

/** The first look again after a read that a running transaction held back; doubling from here. */
const FOLLOW_UP_FIRST_MS = 5;
/** The longest wait between two follow-ups while committed rows wait behind a transaction. */
const FOLLOW_UP_MAX_MS = 500;

/** The case events of one transaction on one case: one live update. */
export interface CaseChangeSignal {
  stream: 'case';
  organisationId: string;
  caseId: string;
  eventIds: string[];
  /** The last event's position. */
  position: FeedPosition;
}

/** One notification written for one person. */
export interface NotificationSignal {
  stream: 'notification';
  organisationId: string;
  userId: string;
  notificationId: string;
}

export type FeedSignal = CaseChangeSignal | NotificationSignal;

/** What a subscription listens to; the feed only routes, every subscriber re-checks. */
export type FeedInterest =
  | { stream: 'case'; organisationId: string; caseId?: string | undefined }
  | { stream: 'notification'; organisationId: string; userId: string };

export interface FeedSubscriber {
  interest: FeedInterest;
  deliver(signal: FeedSignal): void;
}

export interface FeedRow {
  stream: 'case' | 'notification';
  organisation_id: string;
  case_id: string | null;
  user_id: string | null;
  item_id: string;
  txid: string;
  seq: string;
}

export interface OutboxFeedOptions {
  /** The runtime role's connection string: the feed's one connection, LISTEN and reads alike. */
  connectionString: string;
  log: Logger;
  /**
   * How long the feed may go without a read while subscribers exist before it looks anyway: a
   * safety net only, since every outbox write notifies and rows held back by a running
   * transaction are followed up (`readBatch`).
   */
  pollMs?: number;
  /** The longest wait between two attempts to reconnect. */
  maxBackoffMs?: number;
}

/**
 * One process's view of the outbox (ADR 0075): a dedicated connection LISTENs; on every wake-up
 * (and on a slow timer while anybody listens) it reads once what committed since its horizon —
 * one query per batch, whatever the number of subscribers — and routes each row to the
 * subscribers interested in it. After the connection drops it reconnects and catches up from its
 * horizon, so nothing committed meanwhile is missed.
 */
export class OutboxFeed {
  private client: pg.Client | undefined;
  /** Every transaction below this one has been routed. */
  private horizon: bigint | undefined;
  private readonly subscribers = new Set<FeedSubscriber>();
  /** Per organisation, the position of the last case change routed (for shared dashboards). */
  private readonly lastCaseChange = new Map<string, string>();
  private reading: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private poll: NodeJS.Timeout | undefined;
  /** A read soon after one that a running transaction held back (see `readBatch`). */
  private followUp: NodeJS.Timeout | undefined;
  private followUpMs = FOLLOW_UP_FIRST_MS;
  /** When the last read started (`Date.now()`), for the safety-net poll. */
  private lastReadAt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private backoffMs = 50;
  private connected: Promise<void> | undefined;
  /** Counts for tests and the bench: batches read, feed queries run, reconnects made. */
  readonly stats = { batches: 0, queries: 0, reconnects: 0 };

  constructor(private readonly options: OutboxFeedOptions) {}

  /** Connects and listens; resolves once the feed knows its starting horizon. */
  start(): Promise<void> {
    this.connected ??= this.connect();
    const pollMs = this.options.pollMs ?? 5000;
    // A safety net, not a schedule: a feed that read within the interval (on a notification or
    // a follow-up) is not read again by it. Reads on a timer follow the seconds a change takes
    // to reach everyone, not the change (ADR 0079).
    this.poll = setInterval(() => {
      if (this.subscribers.size > 0 && Date.now() - this.lastReadAt >= pollMs) this.wake();
    }, pollMs);
    this.poll.unref();
    return this.connected;
  }

  /** The position every signal routed so far lies below: a resuming subscriber reads up to it. */
  get routedBelow(): bigint {
    if (this.horizon === undefined) throw new Error('The feed has not started.');
    return this.horizon;
  }

  /**
   * The last case change of an organisation this process has routed, as a cursor, or '' when
   * none since it started: anything computed after it was routed has seen it.
   */
  lastCaseChangeOf(organisationId: string): string {
    return this.lastCaseChange.get(organisationId) ?? '';
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a subscriber and returns, in the same tick, the horizon below which it must read what
   * it missed itself: everything from there on reaches it through `deliver`.
   */
  subscribe(subscriber: FeedSubscriber): { routedBelow: bigint; unsubscribe: () => void } {
    this.subscribers.add(subscriber);
    return {
      routedBelow: this.routedBelow,
      unsubscribe: () => void this.subscribers.delete(subscriber),
    };
  }

  /** Reads what committed since the horizon, now (also what NOTIFY triggers). */
  wake(): void {
    if (!this.client || this.stopped) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.readBatches()
      .catch((error: unknown) => {
        this.options.log.warn({ err: error }, 'realtime feed read failed');
        this.dropConnection();
      })
      .finally(() => {
        this.reading = undefined;
      });
  }

  /** Ends the connection as a network failure would: for tests of the reconnect. */
  simulateConnectionLoss(): void {
    this.client?.connection.stream.destroy();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.followUp);
    this.subscribers.clear();
    await this.reading;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: 'klachtpad-realtime',
    });
    client.on('error', (error) => {
      this.options.log.warn({ err: error }, 'realtime feed connection failed');
      this.dropConnection(client);
    });
    client.on('end', () => this.dropConnection(client));
    client.on('notification', () => {
      // A change committed: if a transaction that began before it holds the horizon back, look
      // again soon rather than at the slow timer.
      this.followUpMs = FOLLOW_UP_FIRST_MS;
      this.wake();
    });
    await client.connect();
    await client.query(`listen ${REALTIME_CHANNEL}`);
    this.stats.queries += 1;
    if (this.horizon === undefined) {
      const { rows } = await client.query<{ horizon: string }>(
        'select app.realtime_horizon() as horizon',
      );
      this.stats.queries += 1;
      this.horizon = BigInt(rows[0]!.horizon);
    }
    this.client = client;
    this.backoffMs = 50;
    // Whatever committed while no connection listened.
    this.wake();
  }

  private planFollowUp(): void {
    if (this.followUp || this.subscribers.size === 0) return;
    const delay = this.followUpMs;
    this.followUpMs = Math.min(this.followUpMs * 2, FOLLOW_UP_MAX_MS);
    this.followUp = setTimeout(() => {
      this.followUp = undefined;
      this.wake();
    }, delay);
    this.followUp.unref();
  }

  private dropConnection(which?: pg.Client): void {
    if (which && which !== this.client) return;
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 2000);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.stats.reconnects += 1;
      this.connect().catch((error: unknown) => {
        this.options.log.warn({ err: error }, 'realtime feed reconnect failed');
        this.dropConnection();
      });
    }, delay);
  }

  private async readBatches(): Promise<void> {
    do {
      this.again = false;
      await this.readBatch();
    } while (this.again && this.client && !this.stopped);
  }

  /** One round: the new horizon and every row below it, routed in feed order. */
  private async readBatch(): Promise<void> {
    const client = this.client;
    if (!client || this.horizon === undefined) return;
    this.lastReadAt = Date.now();
    // Up to xmax, not only to the horizon: the rows at or above the horizon are committed but
    // wait behind a transaction still running. They are not routed yet; they say whether to
    // look again soon.
    const { rows } = await client.query<FeedRow & { horizon: string }>(
      `with h as (select app.realtime_horizon()::xid8 as horizon,
                         pg_snapshot_xmax(pg_current_snapshot()) as xmax)
       select f.*, h.horizon::text as horizon
         from h left join lateral app.realtime_feed($1::xid8, h.xmax) f on true`,
      [this.horizon.toString()],
    );
    this.stats.queries += 1;
    const next = BigInt(rows[0]!.horizon);
    const routable = rows.filter((row) => row.stream !== null && BigInt(row.txid) < next);
    // The transaction holding them back may end without a notification (it wrote nothing to the
    // outbox), so the feed looks again shortly, backing off while it runs on. A running
    // transaction with nothing committed behind it (a live batch writing its access log, the
    // sealer, a job) is no reason to read: whatever commits after it notifies.
    if (routable.length < rows.filter((row) => row.stream !== null).length) this.planFollowUp();
    if (next <= this.horizon) return;
    this.stats.batches += 1;
    const signals = toSignals(routable);
    // The horizon moves and the signals go out in one tick: a subscriber that joins reads up to
    // the horizon itself and gets everything after it from here, never a row twice or none.
    this.horizon = next;
    for (const signal of signals) {
      if (signal.stream === 'case')
        this.lastCaseChange.set(signal.organisationId, encodePosition(signal.position));
      for (const subscriber of this.subscribers) {
        if (interested(subscriber.interest, signal)) subscriber.deliver(signal);
      }
    }
  }
}

/** Groups a batch's rows: the case events of one transaction on one case become one signal. */
export function toSignals(rows: FeedRow[]): FeedSignal[] {
  const signals: FeedSignal[] = [];
  let current: CaseChangeSignal | undefined;
  for (const row of rows) {
    if (row.stream === 'notification') {
      signals.push({
        stream: 'notification',
        organisationId: row.organisation_id,
        userId: row.user_id!,
        notificationId: row.item_id,
      });
      continue;
    }
    const position = { txid: BigInt(row.txid), id: BigInt(row.seq) };
    if (
      current &&
      current.caseId === row.case_id &&
      current.organisationId === row.organisation_id &&
      current.position.txid === position.txid
    ) {
      current.eventIds.push(row.item_id);
      current.position = position;
      continue;
    }
    current = {
      stream: 'case',
      organisationId: row.organisation_id,
      caseId: row.case_id!,
      eventIds: [row.item_id],
      position,
    };
    signals.push(current);
  }
  return signals;
}

function interested(interest: FeedInterest, signal: FeedSignal): boolean {
  if (interest.organisationId !== signal.organisationId) return false;
  if (interest.stream === 'case' && signal.stream === 'case')
    return interest.caseId === undefined || interest.caseId === signal.caseId;
  if (interest.stream === 'notification' && signal.stream === 'notification')
    return interest.userId === signal.userId;
  return false;
}
