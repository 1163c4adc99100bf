import { isRole } from '@klachtpad/contracts';
import { requireViewer, type RequestContext } from '../../core/context.js';
import { Membership } from '../memberships/membership.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import { Me, type MembershipView } from './auth.types.js';

/**
 * The signed-in user with their memberships in every organisation. Each part is read when the
 * response first asks for it (`MeResolver`), once: `{ me { id } }` reads nothing beyond the
 * session the request already resolved.
 */
export function getMe(ctx: RequestContext): Promise<Me> {
  const viewer = requireViewer(ctx);
  let user: Promise<User> | undefined;
  let memberships: Promise<MembershipView[]> | undefined;
  return Promise.resolve(
    Object.assign(new Me(), {
      id: viewer.userId,
      sessionMfaVerified: viewer.mfaVerified,
      facts: {
        user: () => (user ??= ctx.em.findOneOrFail(User, { id: viewer.userId })),
        memberships: () => (memberships ??= membershipsOf(ctx, viewer.userId)),
        activeOrganisationId: ctx.active?.organisationId,
      },
    }),
  );
}

async function membershipsOf(ctx: RequestContext, userId: string): Promise<MembershipView[]> {
  const memberships = await ctx.em.find(Membership, { userId });
  const organisations = await ctx.em.find(
    Organisation,
    { id: { $in: memberships.map((m) => m.organisationId) } },
    { orderBy: { name: 'asc' } },
  );
  return organisations.map((organisation) => ({
    organisationId: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    mfaRequiredForStaff: organisation.mfaRequiredForStaff,
    handlerIntakeQueue: organisation.handlerIntakeQueue,
    retentionMonths: organisation.retentionMonths,
    roles: (memberships.find((m) => m.organisationId === organisation.id)?.roles ?? []).filter(
      isRole,
    ),
  }));
}
