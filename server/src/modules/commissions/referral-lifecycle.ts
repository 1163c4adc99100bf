import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  endReferral,
  type CaseEvent as EngineEvent,
  type ProcedureDefinition,
} from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { appendTimeline } from '../cases/case-timeline.js';
import {
  commitTransition,
  type CaseRefusal,
  type CaseTransition,
} from '../cases/case-transition.js';
import { Case } from '../cases/case.entity.js';
import { procedureVersion } from '../procedures/procedure.service.js';
import { CommissionLink } from './commission-link.entity.js';
import { Referral, type ReferralEndReason } from './referral.entity.js';

const DAY_MS = 86_400_000;

type ReferredEvent = Extract<EngineEvent, { type: 'referred' }>;

/**
 * Refuses a transition that would refer the case to a commission the organisation has not
 * linked to a commission organisation: nobody could see the referral, so it must not happen
 * silently. A veto on `CASE_TRANSITION`, asked before anything is written.
 */
export async function refuseUnlinkedReferral(
  ctx: RequestContext,
  { kase, definition, applied }: CaseTransition,
): Promise<CaseRefusal | undefined> {
  const referred = [
    ...new Set(
      applied.events
        .filter((e): e is ReferredEvent => e.type === 'referred')
        .map((e) => e.commission),
    ),
  ];
  if (referred.length === 0) return undefined;
  const links = await ctx.em.find(CommissionLink, {
    organisationId: kase.organisationId,
    procedureCommissionId: { $in: referred },
  });
  const unlinked = referred.filter((id) => !links.some((l) => l.procedureCommissionId === id));
  if (unlinked.length === 0) return undefined;
  return {
    code: 'commission-not-linked',
    reasons: unlinked.map((id) => {
      const label = definition.commissions.find((c) => c.id === id)?.label ?? { nl: id, en: id };
      return {
        message: {
          nl: `${label.nl} is voor deze organisatie nog niet gekoppeld aan een commissie. De directie moet dat eerst doen; er is niets gewijzigd.`,
          en: `${label.en} has not been linked to a commission for this organisation yet. The director must do that first; nothing was changed.`,
        },
      };
    }),
  };
}

/**
 * Turns the engine's `referred` and `referral-ended` events of a transition into referral rows
 * and the case's `commissionIds`, in the transaction of the change: an effect on
 * `CASE_TRANSITION`. Rows follow the engine, so the two never disagree.
 */
export async function recordReferralEvents(
  ctx: RequestContext,
  { kase, applied, referralEnd }: CaseTransition,
): Promise<void> {
  const relevant = applied.events.filter(
    (e) => e.type === 'referred' || e.type === 'referral-ended',
  );
  if (relevant.length === 0) return;
  const { em, now } = ctx;
  const live = await liveReferrals(em, kase);
  for (const event of relevant) {
    if (event.type === 'referred') {
      const link = await em.findOne(CommissionLink, {
        organisationId: kase.organisationId,
        procedureCommissionId: event.commission,
      });
      if (!link) throw new Error(`Commission "${event.commission}" is not linked.`);
      if (live.some((r) => r.commissionId === link.commissionOrganisationId)) continue;
      const referral = em.create(Referral, {
        organisationId: kase.organisationId,
        id: randomUUID(),
        caseId: kase.id,
        case: kase,
        commissionId: link.commissionOrganisationId,
        procedureCommissionId: event.commission,
        referredAt: now,
        endsAt: new Date(now.getTime() + link.termDays * DAY_MS),
        endedAt: null,
        endReason: null,
      });
      live.push(referral);
    } else {
      for (const referral of live.filter((r) => r.procedureCommissionId === event.commission))
        endReferralRow(referral, now, referralEnd ?? 'procedure');
    }
  }
  kase.commissionIds = commissionsOf(live);
}

/**
 * Ends referrals of a locked case outside the procedure's actions — their term ran out, or staff
 * ended them — and tells the engine in the same transaction (`referral-ended` transition), so
 * the case state never keeps a referral the rows ended. An expired referral ended when its term
 * did; the timeline says when that was noticed.
 */
export async function endReferrals(
  ctx: RequestContext,
  kase: Case,
  definition: ProcedureDefinition,
  ending: readonly Referral[],
  reason: 'expired' | 'staff',
): Promise<void> {
  if (ending.length === 0) return;
  const live = await liveReferrals(ctx.em, kase);
  for (const referral of ending)
    endReferralRow(referral, reason === 'expired' ? referral.endsAt : ctx.now, reason);
  kase.commissionIds = commissionsOf(live);
  kase.updatedAt = ctx.now;
  await appendTimeline(
    ctx,
    kase,
    ending.map((referral) =>
      referralEntry(reason === 'expired' ? 'referral-expired' : 'referral-withdrawn', referral),
    ),
  );
  for (const commission of new Set(ending.map((r) => r.procedureCommissionId))) {
    const applied = endReferral(definition, kase.state, commission, ctx.now);
    if (!applied.changed) continue;
    await commitTransition(ctx, {
      kind: 'referral-ended',
      kase,
      definition,
      previous: kase.state,
      applied,
      referralEnd: reason,
      onBehalfOfId: null,
      byCommission: false,
    });
  }
}

/**
 * Ends the referrals of one locked case whose term has passed: an effect on `CASE_CATCH_UP`, so
 * before any action on the case the engine knows the referral is over.
 */
export async function expireCaseReferrals(
  ctx: RequestContext,
  kase: Case,
  definition: ProcedureDefinition,
): Promise<number> {
  const live = await liveReferrals(ctx.em, kase);
  const due = live.filter((r) => r.endsAt.getTime() <= ctx.now.getTime());
  await endReferrals(ctx, kase, definition, due, 'expired');
  return due.length;
}

/**
 * Ends every referral of the active organisation whose term has passed: the work a scheduled job
 * runs (as the system, `actAsSystem`). Access never waits for it (a commission's ability only
 * counts referrals whose term runs, see `runningReferralCaseIds`); it records the end on the
 * rows, the timeline and the engine. Safe to run concurrently: due referrals are read again
 * after their cases are locked.
 */
export async function expireReferrals(ctx: RequestContext): Promise<number> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) throw new Error('Referral expiry runs within one organisation.');
  const candidates = await ctx.em.find(Referral, {
    organisationId,
    endedAt: null,
    endsAt: { $lte: ctx.now },
  });
  if (candidates.length === 0) return 0;
  const cases = await ctx.em.find(
    Case,
    { organisationId, id: { $in: [...new Set(candidates.map((r) => r.caseId))] } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { id: 'asc' } },
  );
  let expired = 0;
  for (const kase of cases) {
    const { definition } = await procedureVersion(ctx.em, organisationId, kase.procedureVersionId);
    expired += await expireCaseReferrals(ctx, kase, definition);
  }
  await ctx.em.flush();
  return expired;
}

/**
 * The cases of an organisation referred to any of these commissions whose referral runs now:
 * not ended, term not passed. Read-only, for building a commission member's ability.
 */
export async function runningReferralCaseIds(
  em: EntityManager,
  organisationId: string,
  commissionIds: readonly string[],
  now: Date,
): Promise<string[]> {
  if (commissionIds.length === 0) return [];
  const running = await em.find(Referral, {
    organisationId,
    commissionId: { $in: [...commissionIds] },
    endedAt: null,
    endsAt: { $gt: now },
  });
  return [...new Set(running.map((r) => r.caseId))];
}

/** A timeline entry about a referral; the commission sees its own referral's changes. */
export function referralEntry(type: string, referral: Referral) {
  return {
    type,
    visibility: 'shared' as const,
    bundled: true,
    payload: {
      commission: referral.procedureCommissionId,
      referralId: referral.id,
      endsAt: referral.endsAt.toISOString(),
    },
  };
}

/** The referrals of a case that still give access, read fresh from the database. */
export async function liveReferrals(em: EntityManager, kase: Case): Promise<Referral[]> {
  return em.find(
    Referral,
    { organisationId: kase.organisationId, caseId: kase.id, endedAt: null },
    { refresh: true },
  );
}

export function endReferralRow(referral: Referral, at: Date, reason: ReferralEndReason) {
  referral.endedAt = at;
  referral.endReason = reason;
}

/** The case row lists exactly the commissions with a live referral (ADR 0006). */
export function commissionsOf(referrals: readonly Referral[]): string[] {
  return [...new Set(referrals.filter((r) => r.endedAt === null).map((r) => r.commissionId))];
}
