import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  CaseEvent as EngineEvent,
  ProcedureDefinition,
  RefusalReason,
} from '@klachtpad/procedures';
import { appendTimeline, type TimelineWriter } from '../cases/case-timeline.js';
import { Case } from '../cases/case.entity.js';
import { CommissionLink } from './commission-link.entity.js';
import { Referral, type ReferralEndReason } from './referral.entity.js';

const DAY_MS = 86_400_000;

/** A change refused because the organisation has not said who the procedure's commission is. */
export interface CommissionRefusal {
  code: 'commission-not-linked';
  reasons: RefusalReason[];
}

type ReferredEvent = Extract<EngineEvent, { type: 'referred' }>;

/**
 * Refuses a change that would refer the case to a commission the organisation has not linked to
 * a commission organisation: nobody could see the referral, so it must not happen silently.
 * Asked before anything is written.
 */
export async function refuseUnlinkedReferral(
  em: EntityManager,
  organisationId: string,
  definition: ProcedureDefinition,
  events: readonly EngineEvent[],
): Promise<CommissionRefusal | undefined> {
  const referred = [
    ...new Set(
      events.filter((e): e is ReferredEvent => e.type === 'referred').map((e) => e.commission),
    ),
  ];
  if (referred.length === 0) return undefined;
  const links = await em.find(CommissionLink, {
    organisationId,
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
 * Turns the engine's `referred` and `referral-ended` events of one change into referral rows and
 * the case's `commissionIds`, in the transaction of the change. The case must be written already
 * (referrals reference it) and locked or new. `refuseUnlinkedReferral` has been asked before.
 */
export async function recordReferralEvents(
  writer: TimelineWriter,
  kase: Case,
  events: readonly EngineEvent[],
): Promise<void> {
  const relevant = events.filter((e) => e.type === 'referred' || e.type === 'referral-ended');
  if (relevant.length === 0) return;
  const { em, now } = writer;
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
        endReferralRow(referral, now, 'procedure');
    }
  }
  kase.commissionIds = commissionsOf(live);
}

/**
 * Ends every referral of the organisation whose term has passed, takes the commission off the
 * case and records `referral-expired` on the timeline. Runs at the start of each request by a
 * commission member; a scheduled job can call it too. Safe to run concurrently: due referrals are
 * read again after their cases are locked.
 */
export async function expireReferrals(
  em: EntityManager,
  organisationId: string,
  now: Date,
): Promise<number> {
  const due = { organisationId, endedAt: null, endsAt: { $lte: now } };
  const candidates = await em.find(Referral, due);
  if (candidates.length === 0) return 0;
  const cases = await em.find(
    Case,
    { organisationId, id: { $in: [...new Set(candidates.map((r) => r.caseId))] } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, orderBy: { id: 'asc' } },
  );
  let expired = 0;
  for (const kase of cases) {
    const live = await liveReferrals(em, kase);
    const ending = live.filter((r) => r.endsAt.getTime() <= now.getTime());
    if (ending.length === 0) continue;
    // The referral ended when its term did; the timeline says when that was noticed.
    for (const referral of ending) endReferralRow(referral, referral.endsAt, 'expired');
    kase.commissionIds = commissionsOf(live);
    kase.updatedAt = now;
    await appendTimeline(
      { em, now, viewer: undefined },
      kase,
      ending.map((referral) => referralEntry('referral-expired', referral)),
    );
    expired += ending.length;
  }
  await em.flush();
  return expired;
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
