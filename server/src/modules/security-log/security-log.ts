import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { RequestContext } from '../../core/context.js';
import type { Orm } from '../../core/db/orm.js';
import type { Logger } from '../../core/logger.js';
import { SecurityEvent, type SecurityEventKind } from './security-event.entity.js';

/** What a caller tells the security log; the writer adds the id. */
export interface SecurityEventInput {
  kind: SecurityEventKind;
  reason: string;
  occurredAt: Date;
  action?: string | null | undefined;
  userId?: string | null | undefined;
  organisationId?: string | null | undefined;
  targetId?: string | null | undefined;
  clientAddress?: string | null | undefined;
  accountDigest?: string | null | undefined;
  requestId?: string | null | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE = /^[A-Za-z0-9:._-]{1,100}$/;
/** How long an event waits to be written with others; refusals never wait for the database. */
const FLUSH_AFTER_MS = 500;
const BATCH = 500;
/** Past this many unwritten events (a flood, a database away), new ones are counted, not kept. */
const MAX_WAITING = 10_000;

/**
 * The writer of one pool's security log (ADR 0068). Events are buffered and inserted in batches
 * off the request path, in transactions of their own, so a refused request (which rolls back)
 * keeps its event, and a flood of refusals (429s) costs one insert per batch, not a round trip
 * each. Nothing that could be a person's words goes in: codes, ids, an address digest.
 */
export class SecurityLog {
  private waiting: SecurityEvent[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: Orm,
    private readonly log: Logger,
  ) {}

  record(input: SecurityEventInput): void {
    if (this.waiting.length >= MAX_WAITING) {
      this.dropped += 1;
      return;
    }
    this.waiting.push(toRow(input));
    if (this.waiting.length >= BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS).unref();
  }

  /** Writes everything recorded so far (tests, and before the pool closes). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(() => this.writeWaiting());
    return this.writing;
  }

  private async writeWaiting(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, BATCH);
      try {
        await this.insert(batch);
      } catch (error) {
        this.dropped += batch.length;
        this.log.error({ err: error }, 'security log not written');
      }
    }
    if (this.dropped > 0) {
      this.log.warn({ dropped: this.dropped }, 'security events dropped');
      this.dropped = 0;
    }
  }

  /**
   * One statement on a connection of its own, outside the pool: events are written in batches
   * at moments unrelated to any request, and must neither take a request's connection nor
   * appear among a request's statements (the sign-in stories count them to prove every failure
   * does the same work). Events are rare; a connection per batch is cheap enough.
   */
  private async insert(batch: SecurityEvent[]): Promise<void> {
    const client = new pg.Client({
      connectionString: this.orm.config.getClientUrl(),
      connectionTimeoutMillis: 5000,
    });
    client.on('error', () => undefined);
    await client.connect();
    try {
      await client.query(
        `insert into security_events (id, occurred_at, kind, reason, action, user_id,
           organisation_id, target_id, client_address, account_digest, request_id)
         select id, occurred_at, kind, reason, action, user_id, organisation_id, target_id,
                client_address, account_digest, request_id
           from json_populate_recordset(null::security_events, $1::json)`,
        [
          JSON.stringify(
            batch.map((event) => ({
              id: event.id,
              occurred_at: event.occurredAt.toISOString(),
              kind: event.kind,
              reason: event.reason,
              action: event.action,
              user_id: event.userId,
              organisation_id: event.organisationId,
              target_id: event.targetId,
              client_address: event.clientAddress,
              account_digest: event.accountDigest,
              request_id: event.requestId,
            })),
          ),
        ],
      );
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** Keeps only what has the shape of an id or a code; anything else is left out, not written. */
function toRow(input: SecurityEventInput): SecurityEvent {
  const id = (value: string | null | undefined) => (value && UUID.test(value) ? value : null);
  const code = (value: string | null | undefined) => (value && CODE.test(value) ? value : null);
  return Object.assign(new SecurityEvent(), {
    id: randomUUID(),
    occurredAt: input.occurredAt,
    kind: input.kind,
    reason: code(input.reason) ?? 'unknown',
    action: code(input.action),
    userId: id(input.userId),
    organisationId: id(input.organisationId),
    targetId: id(input.targetId),
    clientAddress:
      input.clientAddress && /^[0-9A-Fa-f:.]{2,45}$/.test(input.clientAddress)
        ? input.clientAddress
        : null,
    accountDigest:
      input.accountDigest && /^[0-9a-f]{16}$/.test(input.accountDigest)
        ? input.accountDigest
        : null,
    requestId: code(input.requestId),
  });
}

const logs = new WeakMap<Orm, SecurityLog>();

/** The security log written over this pool: one per pool, so every module records to the same. */
export function securityLogOf(orm: Orm, log: Logger): SecurityLog {
  let securityLog = logs.get(orm);
  if (!securityLog) {
    securityLog = new SecurityLog(orm, log);
    logs.set(orm, securityLog);
  }
  return securityLog;
}

/** Writes what this pool's security log holds (before the pool closes; tests). */
export async function flushSecurityLog(orm: Orm): Promise<void> {
  await logs.get(orm)?.flush();
}

/**
 * Records a refusal or a suspicious attempt of the running request: who (the viewer, their
 * organisation, the client address) and when come from the request, what from the caller.
 */
export function recordSecurityEvent(
  ctx: RequestContext,
  event: Omit<SecurityEventInput, 'occurredAt'> & { occurredAt?: Date },
): void {
  securityLogOf(ctx.orm, ctx.log).record({
    occurredAt: ctx.now,
    userId: ctx.viewer?.userId,
    organisationId: ctx.active?.organisationId,
    clientAddress: ctx.clientAddress,
    requestId: ctx.requestId,
    ...event,
  });
}
