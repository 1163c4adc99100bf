import { isRole, type Role } from '@klachtpad/contracts';
import type { Position } from '@klachtpad/procedures';
import { abilityFor, type AbilityViewer } from '../core/authz/ability.js';
import { requireOrganisation, type RequestContext, type ViewerAbility } from '../core/context.js';
import { withTenantTransaction } from '../core/db/tenant-session.js';
import { Membership } from '../modules/memberships/membership.entity.js';
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
  // Entering the organisation read the position with the membership; read it here otherwise.
  const position = !active.roles.includes('director')
    ? null
    : active.position !== undefined
      ? active.position
      : ((
          await ctx.em.findOne(Membership, {
            organisationId: active.organisationId,
            userId: active.viewer.userId,
          })
        )?.position ?? null);
  return buildAbility(
    ctx,
    active.organisationId,
    active.viewer.userId,
    active.roles,
    position,
    (userId) => commissionsOf(ctx.em, userId),
  );
}

/**
 * What another member of the active organisation may do there (notifications: what the recipient
 * may see). Their commission memberships are theirs to read, so they are read in a transaction
 * scoped to them alone; everything else as for the viewer.
 */
export async function buildMemberAbility(
  ctx: RequestContext,
  userId: string,
): Promise<ViewerAbility | undefined> {
  const organisationId = ctx.active?.organisationId;
  if (!organisationId) return undefined;
  const membership = await ctx.em.findOne(Membership, { organisationId, userId });
  if (!membership) return undefined;
  return buildAbility(
    ctx,
    organisationId,
    userId,
    membership.roles.filter(isRole),
    membership.position,
    (member) =>
      withTenantTransaction(ctx.orm, { userId: member }, (em) => commissionsOf(em, member)),
  );
}

async function buildAbility(
  ctx: RequestContext,
  organisationId: string,
  userId: string,
  roles: readonly Role[],
  position: Position | null,
  commissionsOfMember: (userId: string) => Promise<string[]>,
): Promise<ViewerAbility> {
  const active = { organisationId, roles };
  const has = (role: string) => active.roles.some((held) => held === role);
  let commissionIds: string[] = [];
  let referredCaseIds: string[] = [];
  if (has('commission')) {
    commissionIds = await commissionsOfMember(userId);
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
    // A director with a position holds that one; without, both (ADR 0098).
    ...(has('director') && position ? { positions: [position] } : {}),
  };
  return { ability: abilityFor(viewer), viewer };
}
