import { asCase } from '../../core/authz/ability.js';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, notFound } from '../../core/errors.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { loadVisibleCase } from '../case-access/case-gate.js';
import { appendTimeline } from '../cases/case-timeline.js';
import { catchUp } from '../cases/case-transition.js';
import type { Case } from '../cases/case.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { requestProcedureVersion } from '../procedures/procedure.service.js';
import { ExtendReferralSchema, ReferralChangeSchema } from './commissions.inputs.js';
import { endReferrals, referralEntry } from './referral-lifecycle.js';
import { Referral } from './referral.entity.js';

const DAY_MS = 86_400_000;

/** A referral with the commission organisation it gives access to. */
export interface ReferralRow {
  referral: Referral;
  commission: Organisation;
}

/**
 * The referrals of a case: all of them for staff, a commission member only those of their own
 * commission, nobody else any (null).
 */
export async function caseReferrals(
  ctx: RequestContext,
  kase: Case,
): Promise<ReferralRow[] | null> {
  const { ability, viewer } = await requestAbility(ctx);
  const staff = ability.can('readInternal', asCase(kase));
  if (!staff && !kase.commissionIds.some((id) => viewer.commissionIds.includes(id))) return null;
  const referrals = await ctx.em.find(
    Referral,
    {
      organisationId: kase.organisationId,
      caseId: kase.id,
      ...(staff ? {} : { commissionId: { $in: [...viewer.commissionIds] } }),
    },
    { orderBy: { referredAt: 'asc', id: 'asc' } },
  );
  if (referrals.length === 0) return [];
  const organisations = await ctx.em.find(Organisation, {
    id: { $in: [...new Set(referrals.map((r) => r.commissionId))] },
  });
  return referrals.map((referral) => ({
    referral,
    commission: organisations.find((o) => o.id === referral.commissionId)!,
  }));
}

/** Ends a live referral at once (manager or director): the commission no longer sees the case. */
export async function endReferral(ctx: RequestContext, input: unknown): Promise<ReferralRow> {
  const data = parseInput(ReferralChangeSchema, input);
  const { kase, referral, definition } = await loadLiveReferral(ctx, data, 'end-referral');
  await endReferrals(ctx, kase, definition, [referral], 'staff');
  await ctx.em.flush();
  return withCommission(ctx, referral);
}

/** Gives a live referral more days (manager or director). */
export async function extendReferral(ctx: RequestContext, input: unknown): Promise<ReferralRow> {
  const data = parseInput(ExtendReferralSchema, input);
  const { kase, referral } = await loadLiveReferral(ctx, data, 'extend-referral');
  referral.endsAt = new Date(referral.endsAt.getTime() + data.days * DAY_MS);
  kase.updatedAt = ctx.now;
  await appendTimeline(ctx, kase, [referralEntry('referral-extended', referral)]);
  await ctx.em.flush();
  return withCommission(ctx, referral);
}

async function loadLiveReferral(
  ctx: RequestContext,
  data: { caseId: string; referralId: string },
  logAction: string,
) {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageReferrals', 'Organisation')) {
    // Not allowed to manage referrals: answered like any case the viewer cannot act on.
    recordAccess(ctx, { action: logAction, outcome: 'denied', caseId: data.caseId });
    throw notFound('Zaak');
  }
  const { kase } = await loadVisibleCase(ctx, data.caseId, 'work', logAction, {
    lock: true,
  });
  // Whatever expired before now is ended first, so an expired referral cannot be extended.
  const { definition } = await requestProcedureVersion(ctx, kase.procedureVersionId);
  await catchUp(ctx, kase, definition);
  const referral = await ctx.em.findOne(Referral, {
    organisationId,
    caseId: kase.id,
    id: data.referralId,
  });
  if (!referral) throw notFound('Verwijzing');
  if (referral.endedAt !== null)
    throw badInput('Deze verwijzing is al beëindigd.', { field: 'referralId' });
  return { kase, referral, definition };
}

async function withCommission(ctx: RequestContext, referral: Referral): Promise<ReferralRow> {
  const commission = await ctx.em.findOneOrFail(Organisation, { id: referral.commissionId });
  return { referral, commission };
}
