import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../core/context.js';
import { lockForOrganisation } from '../../core/db/sequencing.js';
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

type PendingEntry = Omit<AccessLogEntry, 'id' | 'hash' | 'previousHash'>;

const pending = new WeakMap<RequestContext, PendingEntry[]>();

/**
 * Records an access in the request's transaction. Entries are written together just before
 * commit (holding the organisation's log lock only that long); if the request rolls back, they are
 * written in a transaction of their own, so a refused attempt is never lost with the refusal.
 */
export function recordAccess(ctx: RequestContext, attempt: AccessAttempt): void {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) return;
  let entries = pending.get(ctx);
  if (!entries) {
    const list: PendingEntry[] = [];
    entries = list;
    pending.set(ctx, list);
    ctx.tx.onBeforeCommit(() => appendEntries(ctx.em, organisationId, list.splice(0)));
    ctx.tx.onAfterRollback((scope) =>
      withTenantTransaction(ctx.orm, scope, (em) =>
        appendEntries(em, organisationId, list.splice(0)),
      ),
    );
  }
  entries.push({
    organisationId,
    occurredAt: ctx.now,
    caseId: attempt.caseId ?? null,
    clientId: attempt.clientId ?? null,
    userId: ctx.viewer?.userId ?? null,
    onBehalfOfId: attempt.onBehalfOfId ?? null,
    role: ctx.active?.roles.join(',') ?? null,
    action: attempt.action,
    outcome: attempt.outcome,
  });
}

/** The hash of one line: covers every field and the previous line's hash. */
export function entryHash(previousHash: string | null, entry: PendingEntry): string {
  const canonical = JSON.stringify([
    previousHash,
    entry.organisationId,
    entry.occurredAt.toISOString(),
    entry.caseId,
    entry.clientId,
    entry.userId,
    entry.onBehalfOfId,
    entry.role,
    entry.action,
    entry.outcome,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

async function appendEntries(em: EntityManager, organisationId: string, entries: PendingEntry[]) {
  if (entries.length === 0) return;
  // One chain per organisation: appends are serialised so two requests never fork it.
  await lockForOrganisation(em, 'access-log', organisationId);
  const last = await em.findOne(AccessLogEntry, { organisationId }, { orderBy: { id: 'desc' } });
  let previousHash = last?.hash ?? null;
  for (const entry of entries) {
    const hash = entryHash(previousHash, entry);
    em.create(AccessLogEntry, { ...entry, previousHash, hash });
    previousHash = hash;
  }
  await em.flush();
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The id of the first line whose hash does not match, when the chain is broken. */
  brokenAt?: string;
}

/** Recomputes an organisation's chain from the first line; any edit or deletion breaks it. */
export async function verifyAccessLog(
  em: EntityManager,
  organisationId: string,
): Promise<ChainVerification> {
  let previousHash: string | null = null;
  let checked = 0;
  let lastId = '0';
  for (;;) {
    const batch = await em.find(
      AccessLogEntry,
      { organisationId, id: { $gt: lastId } },
      { orderBy: { id: 'asc' }, limit: 1000 },
    );
    if (batch.length === 0) return { ok: true, checked };
    for (const entry of batch) {
      if (entry.previousHash !== previousHash || entry.hash !== entryHash(previousHash, entry)) {
        return { ok: false, checked, brokenAt: entry.id };
      }
      previousHash = entry.hash;
      checked += 1;
      lastId = entry.id;
    }
  }
}
