import { defineAbility, type AbilityViewer } from '../core/authz/ability.js';
import { requireOrganisation, type RequestContext, type ViewerAbility } from '../core/context.js';
import { runningReferralCaseIds } from '../modules/commissions/referral-lifecycle.js';
import { confidantStanding } from '../modules/confidants/confidant-grants.js';
import { commissionsOf } from '../modules/memberships/membership.service.js';
import { handlerIntakeQueueOf } from '../modules/organisations/organisation.service.js';

/**
 * What the viewer may do in the active organisation: their roles there plus the relationships
 * the rules need, each read only for the roles that use it. Reads only: building an ability never
 * changes a row (referral expiry is work of its own, see referral-lifecycle.ts).
 */
export async function buildViewerAbility(ctx: RequestContext): Promise<ViewerAbility> {
  const active = requireOrganisation(ctx);
  const { userId } = active.viewer;
  const has = (role: string) => active.roles.some((held) => held === role);
  let commissionIds: string[] = [];
  let referredCaseIds: string[] = [];
  if (has('commission')) {
    commissionIds = await commissionsOf(ctx.em, userId);
    referredCaseIds = await runningReferralCaseIds(
      ctx.em,
      active.organisationId,
      commissionIds,
      ctx.now,
    );
  }
  const standing = has('confidant')
    ? await confidantStanding(ctx.em, active.organisationId, userId)
    : { caseGrants: {}, authorisedClientIds: [] };
  // Only a handler's rules depend on the organisation's settings.
  const handlerIntakeQueue = has('handler')
    ? await handlerIntakeQueueOf(ctx.em, active.organisationId)
    : false;
  const viewer: AbilityViewer = {
    userId,
    roles: active.roles,
    commissionIds,
    referredCaseIds,
    handlerIntakeQueue,
    ...standing,
  };
  return { ability: defineAbility(viewer), viewer };
}
