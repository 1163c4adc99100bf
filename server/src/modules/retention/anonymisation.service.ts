import { LockMode } from '@mikro-orm/core';
import { amsterdamDate } from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { appendTimeline } from '../cases/case-timeline.js';
import { Case } from '../cases/case.entity.js';
import { Referral } from '../commissions/referral.entity.js';
import { anonymisedState } from './anonymised-state.js';
import { CaseRetention } from './case-retention.entity.js';

/** What one round did with one case; ids and codes only, for the job's log. */
export type AnonymisationRun =
  | 'anonymised'
  | 'not-due'
  | 'held-by-director'
  | 'held-by-referral'
  | 'already-anonymised'
  | 'not-found';

/**
 * Whether a referral of the case still runs at `now`: a commission or disputes body is still
 * judging it, so its file is needed whole (ADR 0094).
 */
export async function referralRuns(ctx: RequestContext, kase: Case): Promise<boolean> {
  const running = await ctx.em.count(Referral, {
    organisationId: kase.organisationId,
    case: kase,
    endedAt: null,
    endsAt: { $gt: ctx.now },
  });
  return running > 0;
}

/**
 * Anonymises one closed case whose retention term has run out, as the organisation itself: under
 * the case row's lock, in the caller's transaction (one per case). The engine state loses its
 * text and people here; `app.erase_case_content` then removes messages, documents and letters
 * (their bytes are in the row), meetings and minutes, confidant grants and notifications, and
 * unlinks the parties, after checking the same conditions again. The access log keeps every line.
 * Running it again on the same case does nothing.
 */
export async function anonymiseCase(
  ctx: RequestContext,
  caseId: string,
): Promise<AnonymisationRun> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId || ctx.viewer) throw new Error('Anonymisation runs as its organisation.');
  const kase = await ctx.em.findOne(
    Case,
    { organisationId, id: caseId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!kase) return 'not-found';
  if (kase.anonymisedAt) return 'already-anonymised';
  const retention = await ctx.em.findOne(CaseRetention, { organisationId, caseId });
  if (!retention || amsterdamDate(ctx.now) < retention.anonymiseOn) return 'not-due';
  if (kase.retentionHoldReason !== null) return 'held-by-director';
  if (await referralRuns(ctx, kase)) return 'held-by-referral';

  const clientId = kase.clientId;
  // The register counts the closing day from the state, or else from the last change: keep it in
  // the state, since this change is a change too.
  kase.state = { ...anonymisedState(kase.state), closedOn: retention.closedOn };
  kase.anonymisedAt = ctx.now;
  await ctx.em.flush();
  const [erased] = await ctx.em.execute<{ erased: boolean }[]>(
    'select app.erase_case_content(?, ?) as erased',
    [kase.id, ctx.now],
  );
  if (!erased?.erased) throw new Error(`Case ${kase.id} could not be erased.`);
  // The row as the database left it: no client, no filer, no subjects, no confidants.
  await ctx.em.refresh(kase);
  await appendTimeline(ctx, kase, [
    { type: 'case-anonymised', visibility: 'internal', payload: { on: amsterdamDate(ctx.now) } },
  ]);
  // The line keeps the client's pseudonymous id: the log outlives the case (NEN 7513).
  recordAccess(ctx, { action: 'anonymise', outcome: 'allowed', caseId: kase.id, clientId });
  await ctx.em.flush();
  return 'anonymised';
}

/**
 * The ids of an organisation's closed cases that fell due by `now` and that nothing holds; the
 * round re-checks each under its lock.
 */
export async function dueCaseIds(ctx: RequestContext): Promise<string[]> {
  const organisationId = ctx.active!.organisationId;
  const due = await ctx.em.find(
    CaseRetention,
    { organisationId, anonymiseOn: { $lte: amsterdamDate(ctx.now) }, retentionHoldReason: null },
    { orderBy: { anonymiseOn: 'asc', caseId: 'asc' }, fields: ['caseId'] },
  );
  return due.map((row) => row.caseId);
}
