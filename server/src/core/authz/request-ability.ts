import type { RequestContext } from '../context.js';
import { requireOrganisation } from '../context.js';
import { Membership } from '../../modules/memberships/membership.entity.js';
import { Organisation } from '../../modules/organisations/organisation.entity.js';
import { expireReferrals } from '../../modules/commissions/referral-lifecycle.js';
import { defineAbility, type AbilityViewer, type AppAbility } from './ability.js';

const abilities = new WeakMap<
  RequestContext,
  Promise<{ ability: AppAbility; viewer: AbilityViewer }>
>();

/** The request's one ability, built on first use from the viewer's roles and relationships. */
export function requestAbility(
  ctx: RequestContext,
): Promise<{ ability: AppAbility; viewer: AbilityViewer }> {
  let built = abilities.get(ctx);
  if (!built) {
    built = buildAbility(ctx);
    abilities.set(ctx, built);
  }
  return built;
}

async function buildAbility(ctx: RequestContext) {
  const active = requireOrganisation(ctx);
  let commissionIds: string[] = [];
  if (active.roles.includes('commission')) {
    // Until a job queue runs expiry on time, every request by a commission member first ends the
    // organisation's referrals whose term has passed, so an expired referral never gives access.
    await expireReferrals(ctx.em, active.organisationId, ctx.now);
    // The commissions the viewer sits on are organisations of their own; the viewer may read their
    // own memberships there, never anyone else's.
    const memberships = await ctx.em.find(Membership, { userId: active.viewer.userId });
    const commissions = await ctx.em.find(Organisation, {
      id: { $in: memberships.map((m) => m.organisationId) },
      kind: 'commission',
    });
    commissionIds = commissions.map((c) => c.id);
  }
  // Only a handler's rules depend on the organisation's settings.
  const handlerIntakeQueue = active.roles.includes('handler')
    ? (await ctx.em.findOneOrFail(Organisation, { id: active.organisationId })).handlerIntakeQueue
    : false;
  const viewer: AbilityViewer = {
    userId: active.viewer.userId,
    roles: active.roles,
    commissionIds,
    handlerIntakeQueue,
  };
  return { ability: defineAbility(viewer), viewer };
}
