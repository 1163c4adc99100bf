import { addDays, amsterdamDate } from '@klachtpad/procedures';
import { z } from 'zod';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { appendTimeline } from '../cases/case-timeline.js';
import { Referral } from '../commissions/referral.entity.js';
import { CaseRetention } from './case-retention.entity.js';

/** How far ahead directors look: the cases that fall due within this many days. */
export const DUE_WITHIN_DAYS = 30;

/** A director's hold on a case's anonymisation, with its reason. */
export interface RetentionHold {
  reason: string;
  setAt: Date;
  setById: string;
}

/** One case as the due list shows it: when it falls due and what keeps it. */
export interface RetentionDue {
  caseId: string;
  reference: string;
  category: string | null;
  closedOn: string;
  anonymiseOn: string;
  hold: RetentionHold | null;
  /** A referral (a commission, a disputes body) still runs: the case waits for it to end. */
  referralRunning: boolean;
}

function holdOf(row: {
  retentionHoldReason: string | null;
  retentionHoldSetAt: Date | null;
  retentionHoldSetBy: string | null;
}): RetentionHold | null {
  return row.retentionHoldReason && row.retentionHoldSetAt && row.retentionHoldSetBy
    ? {
        reason: row.retentionHoldReason,
        setAt: row.retentionHoldSetAt,
        setById: row.retentionHoldSetBy,
      }
    : null;
}

/**
 * The closed cases that fall due for anonymisation within the next 30 days, or fell due and are
 * held: soonest first, with what holds each (director). Reference and category only, no parties.
 */
export async function casesDueForAnonymisation(ctx: RequestContext): Promise<RetentionDue[]> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageRetention', 'Organisation')) {
    recordAccess(ctx, { action: 'read-retention-due', outcome: 'denied' });
    throw forbidden('Alleen de directie ziet welke zaken worden geanonimiseerd.');
  }
  const until = addDays(amsterdamDate(ctx.now), DUE_WITHIN_DAYS);
  const due = await ctx.em.find(
    CaseRetention,
    { organisationId, anonymiseOn: { $lte: until } },
    { orderBy: { anonymiseOn: 'asc', reference: 'asc' } },
  );
  const referred =
    due.length === 0
      ? []
      : await ctx.em.find(Referral, {
          organisationId,
          case: { id: { $in: due.map((row) => row.caseId) } },
          endedAt: null,
          endsAt: { $gt: ctx.now },
        });
  const running = new Set(referred.map((referral) => referral.caseId));
  recordAccess(ctx, { action: 'read-retention-due', outcome: 'allowed' });
  return due.map((row) => ({
    caseId: row.caseId,
    reference: row.reference,
    category: row.category,
    closedOn: row.closedOn,
    anonymiseOn: row.anonymiseOn,
    hold: holdOf(row),
    referralRunning: running.has(row.caseId),
  }));
}

const SetHoldSchema = z.object({
  caseId: z.string(),
  reason: z
    .string()
    .trim()
    .min(3, 'Geef een reden van minstens 3 tekens.')
    .max(500, 'Een reden is hoogstens 500 tekens.'),
});

/**
 * Sets (or replaces) a director's legal hold on a case: it is not anonymised while the hold
 * lasts, whatever its term says. An anonymised case is refused by the gate (nothing to keep). The director's act goes in the access log and on the timeline.
 */
export async function setRetentionHold(
  ctx: RequestContext,
  input: unknown,
): Promise<RetentionHold> {
  const data = parseInput(SetHoldSchema, input);
  const { kase, viewer } = await loadVisibleCase(
    ctx,
    data.caseId,
    'holdRetention',
    'set-retention-hold',
    { lock: true },
  );
  kase.retentionHoldReason = data.reason;
  kase.retentionHoldSetAt = ctx.now;
  kase.retentionHoldSetBy = viewer.userId;
  await appendTimeline(ctx, kase, [
    { type: 'retention-hold-set', visibility: 'internal', payload: { reason: data.reason } },
  ]);
  await ctx.em.flush();
  return holdOf(kase)!;
}

/** Lifts the hold: the case is anonymised at the next round once its term has run out. */
export async function liftRetentionHold(ctx: RequestContext, caseId: string): Promise<string> {
  const { kase } = await loadVisibleCase(ctx, caseId, 'holdRetention', 'lift-retention-hold', {
    lock: true,
  });
  if (kase.retentionHoldReason === null) {
    throw badInput('Op deze zaak ligt geen bewaarplicht.', { field: 'caseId' });
  }
  kase.retentionHoldReason = null;
  kase.retentionHoldSetAt = null;
  kase.retentionHoldSetBy = null;
  await appendTimeline(ctx, kase, [
    { type: 'retention-hold-lifted', visibility: 'internal', payload: {} },
  ]);
  await ctx.em.flush();
  return kase.id;
}
