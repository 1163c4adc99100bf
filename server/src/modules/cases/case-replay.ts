import type { CaseChange, CaseRefusal } from './case-transition.js';
import { Case } from './case.entity.js';

/**
 * A case change as stored with its idempotency key: the case row as the first request left it
 * (dates as ISO strings), or the refusal it got. A retry is answered with exactly this, however
 * the case moved on since.
 */
export type StoredCaseChange =
  { kind: 'changed'; case: CaseRow } | { kind: 'refused'; refusal: CaseRefusal };

type CaseRow = Omit<Case, 'createdAt' | 'updatedAt'> & { createdAt: string; updatedAt: string };

export function storedCaseChange(change: CaseChange): StoredCaseChange {
  if (change.kind === 'refused') return { kind: 'refused', refusal: change.refusal };
  const kase = change.case;
  // Field by field: the managed entity carries ORM internals that must not be stored.
  const row: CaseRow = {
    organisationId: kase.organisationId,
    id: kase.id,
    reference: kase.reference,
    procedureVersionId: kase.procedureVersionId,
    clientId: kase.clientId,
    filedById: kase.filedById,
    channel: kase.channel,
    category: kase.category,
    handlerIds: kase.handlerIds,
    releasedHandlerIds: kase.releasedHandlerIds,
    subjectIds: kase.subjectIds,
    confidantIds: kase.confidantIds,
    commissionIds: kase.commissionIds,
    stages: kase.stages,
    withBestuur: kase.withBestuur,
    state: kase.state,
    version: kase.version,
    receivedOn: kase.receivedOn,
    nextDueOn: kase.nextDueOn,
    closed: kase.closed,
    anonymisedAt: kase.anonymisedAt,
    retentionHoldReason: kase.retentionHoldReason,
    retentionHoldSetAt: kase.retentionHoldSetAt,
    retentionHoldSetBy: kase.retentionHoldSetBy,
    createdAt: kase.createdAt.toISOString(),
    updatedAt: kase.updatedAt.toISOString(),
  };
  return { kind: 'changed', case: row };
}

/**
 * The stored change, with a detached copy of the case (shown, never flushed). Who may see what
 * is decided by the case as it is now: the copy takes the live row's visibility columns (a
 * retried filing passes the case it filed, when the filer can still read its row).
 */
export function replayedCaseChange(stored: StoredCaseChange, live: Case | undefined): CaseChange {
  if (stored.kind === 'refused') return stored;
  const kase = Object.assign(new Case(), stored.case, {
    createdAt: new Date(stored.case.createdAt),
    updatedAt: new Date(stored.case.updatedAt),
    ...(live
      ? {
          clientId: live.clientId,
          handlerIds: live.handlerIds,
          releasedHandlerIds: live.releasedHandlerIds,
          subjectIds: live.subjectIds,
          confidantIds: live.confidantIds,
          commissionIds: live.commissionIds,
          withBestuur: live.withBestuur,
        }
      : {}),
  });
  return { kind: 'changed', case: kase };
}
