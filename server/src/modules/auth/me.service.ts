import { isRole } from '@klachtpad/contracts';
import type { Language } from '../../core/graphql/shared.types.js';
import { requireViewer, type RequestContext } from '../../core/context.js';
import { Membership } from '../memberships/membership.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { User } from '../users/user.entity.js';
import type { Me, MembershipView } from './auth.types.js';

/** The signed-in user with their memberships in every organisation. */
export async function getMe(ctx: RequestContext): Promise<Me> {
  const viewer = requireViewer(ctx);
  const user = await ctx.em.findOneOrFail(User, { id: viewer.userId });
  const memberships = await ctx.em.find(Membership, { userId: viewer.userId });
  const organisations = await ctx.em.find(
    Organisation,
    { id: { $in: memberships.map((m) => m.organisationId) } },
    { orderBy: { name: 'asc' } },
  );
  const views: MembershipView[] = organisations.map((organisation) => ({
    organisationId: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    mfaRequiredForStaff: organisation.mfaRequiredForStaff,
    handlerIntakeQueue: organisation.handlerIntakeQueue,
    roles: (memberships.find((m) => m.organisationId === organisation.id)?.roles ?? []).filter(
      isRole,
    ),
  }));
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    mfaEnabled: user.mfaEnabledAt !== null,
    language: user.language as Language | null,
    sessionMfaVerified: viewer.mfaVerified,
    memberships: views,
    activeOrganisation:
      views.find((view) => view.organisationId === ctx.active?.organisationId) ?? null,
  };
}
