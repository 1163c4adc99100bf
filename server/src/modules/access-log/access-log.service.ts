import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { AccessLogEntry, type AccessOutcome } from './access-log-entry.entity.js';

/** What happened to a dossier, as the access log records it. */
export interface AccessAttempt {
  /** e.g. `read`, `file`, `perform:answer-directie`, `grant-confidant`. */
  action: string;
  outcome: AccessOutcome;
  caseId?: string | null;
  clientId?: string | null;
  onBehalfOfId?: string | null;
}

type PendingEntry = Omit<
  AccessLogEntry,
  'id' | 'chainPosition' | 'hash' | 'previousHash' | 'sealedAt'
>;

const pending = new WeakMap<RequestContext, PendingEntry[]>();

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
  for (const entry of entries) entry.outcome = 'denied';
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
    ctx.tx.onBeforeCommit(() => appendEntries(ctx.em, list.splice(0)));
    ctx.tx.onAfterRollback((scope) =>
      withTenantTransaction(ctx.orm, scope, (em) => appendEntries(em, list.splice(0))),
    );
  }
  const entry: PendingEntry = {
    organisationId,
    occurredAt: ctx.now,
    caseId: attempt.caseId ?? null,
    clientId: attempt.clientId ?? null,
    userId: ctx.viewer?.userId ?? null,
    onBehalfOfId: attempt.onBehalfOfId ?? null,
    // The organisation's own scheduled work acts without a person and without a role.
    role: ctx.viewer ? (ctx.active?.roles.join(',') ?? null) : null,
    action: attempt.action,
    outcome: attempt.outcome,
  };
  entries.push(entry);
  operationEntries.getStore()?.push(entry);
}

async function appendEntries(em: EntityManager, entries: PendingEntry[]) {
  if (entries.length === 0) return;
  // Unsealed and without a lock: the sealer chains them after commit (ADR 0021), so requests of
  // one organisation never wait for each other here.
  await em.insertMany(AccessLogEntry, entries);
}
