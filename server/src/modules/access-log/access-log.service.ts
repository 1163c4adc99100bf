import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { recordSecurityEvent } from '../security-log/security-log.js';
import type { AccessLogEntry, AccessOutcome } from './access-log-entry.entity.js';

/** Why an attempt was refused, for the security log (ADR 0068). */
export type AccessDenial =
  'not-found' | 'another-organisation' | 'not-permitted' | 'refused-after-gate' | 'refused';

/** What happened to a dossier, as the access log records it. */
export interface AccessAttempt {
  /** e.g. `read`, `file`, `perform:answer-directie`, `grant-confidant`. */
  action: string;
  outcome: AccessOutcome;
  caseId?: string | null;
  clientId?: string | null;
  onBehalfOfId?: string | null;
  /**
   * The organisation the person acts from when it is not this one (ADR 0087): the commission of
   * a commission member, which the case gate knows from the case's referrals. Left out, a
   * commission member's line names the one commission they sit on (none when they sit on
   * several and nothing says which); anyone else acts from this organisation (null).
   */
  actorOrganisationId?: string | null;
  /**
   * For a refusal, why, for the security log (ADR 0068): `not-found` (nothing of that id here),
   * `another-organisation` (the id is of a case elsewhere), `not-permitted` (there, but not for
   * this viewer). A line turned `denied` by `refusalsAreDenied` is `refused-after-gate`.
   */
  denial?: AccessDenial;
}

type PendingEntry = Omit<
  AccessLogEntry,
  'id' | 'chainPosition' | 'hash' | 'previousHash' | 'sealedAt'
>;

const pending = new WeakMap<RequestContext, PendingEntry[]>();
/** Why each refused line was refused, for the security log; not a column of the access log. */
const denials = new WeakMap<PendingEntry, AccessDenial>();

/** A commission member's line whose organisation is read from their ability before commit. */
const actingFrom = new WeakMap<PendingEntry, Promise<string | null>>();

/** The entries recorded by the operation running now (`refusalsAreDenied`). */
const operationEntries = new AsyncLocalStorage<PendingEntry[]>();

/**
 * Runs one operation (a GraphQL root field, an HTTP route) so that a refusal is logged as one:
 * a gate records `allowed` when it lets the viewer reach a case, but a check after it (the
 * action is not available, the handler is a subject of the case, the session lacks a second
 * factor) can still refuse. When the operation ends in such a refusal, every line it recorded
 * says `denied`, never `allowed`. Other fields of the same request keep their own outcome: what
 * they read was disclosed. Unexpected failures leave the lines as they are: the access was
 * authorised, only the work failed.
 */
export async function refusalsAreDenied<T>(operation: () => Promise<T>): Promise<T> {
  const recorded: PendingEntry[] = [];
  try {
    return await operationEntries.run(recorded, operation);
  } catch (error) {
    if (error instanceof AppError) deny(recorded);
    throw error;
  }
}

/**
 * For a refusal that is answered rather than thrown (an action the procedure does not allow
 * now): the lines the running operation recorded say `denied`.
 */
export function recordRefusal(): void {
  deny(operationEntries.getStore() ?? []);
}

function deny(entries: PendingEntry[]) {
  for (const entry of entries) {
    if (entry.outcome !== 'denied') denials.set(entry, 'refused-after-gate');
    entry.outcome = 'denied';
  }
}

/**
 * Records an access in the request's transaction. Entries are written together just before
 * commit, in one statement and without a lock; if the request rolls back, they are written in a
 * transaction of their own, so a refused attempt is never lost with the refusal.
 */
export function recordAccess(ctx: RequestContext, attempt: AccessAttempt): void {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) return;
  let entries = pending.get(ctx);
  if (!entries) {
    const list: PendingEntry[] = [];
    entries = list;
    pending.set(ctx, list);
    ctx.tx.onBeforeCommit(async () =>
      appendEntries(ctx.em, reportDenials(ctx, await withActorOrganisations(list.splice(0)))),
    );
    ctx.tx.onAfterRollback(async (scope) => {
      const lines = await withActorOrganisations(list.splice(0));
      await withTenantTransaction(ctx.orm, scope, (em) =>
        appendEntries(em, reportDenials(ctx, lines)),
      );
    });
  }
  const entry: PendingEntry = {
    organisationId,
    occurredAt: ctx.now,
    caseId: attempt.caseId ?? null,
    clientId: attempt.clientId ?? null,
    userId: ctx.viewer?.userId ?? null,
    onBehalfOfId: attempt.onBehalfOfId ?? null,
    actorOrganisationId: attempt.actorOrganisationId ?? null,
    // The organisation's own scheduled work acts without a person and without a role.
    role: ctx.viewer ? (ctx.active?.roles.join(',') ?? null) : null,
    action: attempt.action,
    outcome: attempt.outcome,
  };
  if (
    attempt.actorOrganisationId === undefined &&
    ctx.viewer &&
    ctx.active?.roles.includes('commission')
  ) {
    // The ability is the request's one (built by the gate or check that led here, as a rule).
    actingFrom.set(
      entry,
      ctx.ability().then(
        ({ viewer }) => (viewer.commissionIds.length === 1 ? viewer.commissionIds[0]! : null),
        () => null,
      ),
    );
  }
  entries.push(entry);
  if (attempt.denial) denials.set(entry, attempt.denial);
  operationEntries.getStore()?.push(entry);
}

/** One line of a live batch (ADR 0079): whose access it was, since the batch is nobody's request. */
export interface BatchAccess extends AccessAttempt {
  userId: string;
  roles: readonly string[];
}

/**
 * Writes the access-log lines of a live batch, many people's at once, in the batch's transaction
 * and one statement, as `recordAccess` writes a request's (refusals also to the security log).
 * The lines say what a request of each of them would have said.
 */
export async function appendBatchAccess(ctx: RequestContext, lines: BatchAccess[]): Promise<void> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId || lines.length === 0) return;
  const entries = lines.map((line) => {
    const entry: PendingEntry = {
      organisationId,
      occurredAt: ctx.now,
      caseId: line.caseId ?? null,
      clientId: line.clientId ?? null,
      userId: line.userId,
      onBehalfOfId: line.onBehalfOfId ?? null,
      actorOrganisationId: line.actorOrganisationId ?? null,
      role: line.roles.join(','),
      action: line.action,
      outcome: line.outcome,
    };
    if (line.denial) denials.set(entry, line.denial);
    return entry;
  });
  await appendEntries(ctx.em, reportDenials(ctx, entries));
}

/**
 * Every refused line of the access log is also a line of the security log (ADR 0068), which
 * operators read across organisations and members cannot: the access log stays the dossier's
 * record, the security log the platform's.
 */
function reportDenials(ctx: RequestContext, entries: PendingEntry[]): PendingEntry[] {
  for (const entry of entries) {
    if (entry.outcome !== 'denied') continue;
    recordSecurityEvent(ctx, {
      kind: 'access-denied',
      reason: denials.get(entry) ?? 'refused',
      action: entry.action,
      userId: entry.userId,
      organisationId: entry.organisationId,
      targetId: entry.caseId,
      occurredAt: entry.occurredAt,
    });
  }
  return entries;
}

async function withActorOrganisations(entries: PendingEntry[]): Promise<PendingEntry[]> {
  for (const entry of entries) {
    const from = actingFrom.get(entry);
    if (from) entry.actorOrganisationId = await from;
  }
  return entries;
}

async function appendEntries(em: EntityManager, entries: PendingEntry[]) {
  if (entries.length === 0) return;
  // Unsealed and without a lock: the sealer chains them after commit (ADR 0021), so requests of
  // one organisation never wait for each other here. The lines go as one array per column, one
  // binding each however many lines there are: a live batch writes one per subscriber (ADR
  // 0079), which as an ORM insert costs Node more than the push itself and as bindings per value
  // would meet the protocol's limit of 65,535. Arrays cost PostgreSQL about a fifth less per
  // line than the same lines as one JSON document, and a live batch waits for this insert.
  const sql = `insert into access_log (organisation_id, occurred_at, case_id, client_id, user_id,
       on_behalf_of_id, actor_organisation_id, role, action, outcome)
     select * from unnest(?::uuid[], ?::timestamptz[], ?::uuid[], ?::uuid[], ?::uuid[],
       ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])`;
  const columns = [
    entries.map((entry) => entry.organisationId),
    entries.map((entry) => entry.occurredAt.toISOString()),
    entries.map((entry) => entry.caseId),
    entries.map((entry) => entry.clientId),
    entries.map((entry) => entry.userId),
    entries.map((entry) => entry.onBehalfOfId),
    entries.map((entry) => entry.actorOrganisationId),
    entries.map((entry) => entry.role),
    entries.map((entry) => entry.action),
    entries.map((entry) => entry.outcome),
  ].map(arrayLiteral);
  // Bound parameters, not literals: the ORM would escape and inline a megabyte into the
  // statement's text for a large batch. The transaction's own knex client sends them.
  const trx = em.getTransactionContext<Knex.Transaction>();
  if (trx) await trx.raw(sql, columns);
  else await em.execute(sql, columns);
}

/**
 * A PostgreSQL array literal of `values`, each element quoted (so a comma or brace in a value
 * stays inside it) and null as NULL. Bound as text, since knex spreads a JavaScript array
 * binding into one placeholder per item.
 */
export function arrayLiteral(values: readonly (string | null | undefined)[]): string {
  return `{${values
    .map((value) => (value == null ? 'NULL' : `"${value.replace(/["\\]/g, '\\$&')}"`))
    .join(',')}}`;
}
