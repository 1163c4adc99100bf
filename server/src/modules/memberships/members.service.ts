import { isRole, type Role } from '@klachtpad/contracts';
import { requestAbility } from '../../core/authz/request-ability.js';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput, forbidden } from '../../core/errors.js';
import { parseInput } from '../../core/validation/parse-input.js';
import { recordAccess } from '../access-log/access-log.service.js';
import { endSessionsOfMember } from '../auth/auth.service.js';
import { User } from '../users/user.entity.js';
import { Invitation } from './invitation.entity.js';
import { CURRENT_ONLY, Membership } from './membership.entity.js';
import { MEMBER_ROLES_LOST } from './membership-change.js';
import { ChangeMemberRolesSchema } from './members.inputs.js';
import type { MemberView } from './members.types.js';
import { unknownPerson } from './membership.service.js';

/**
 * The roles a manager may give or take away: those of casework. Management and direction are the
 * director's to give, so a manager can neither promote anyone nor end a director's access.
 */
export const MANAGER_GRANTS: readonly Role[] = ['client', 'confidant', 'handler'];

/** Whether someone holding `granterRoles` may give (or take away) every one of `roles`. */
export function mayGrant(granterRoles: readonly Role[], roles: readonly Role[]): boolean {
  if (granterRoles.includes('director')) return true;
  if (granterRoles.includes('manager')) return roles.every((role) => MANAGER_GRANTS.includes(role));
  return false;
}

/**
 * Makes a person a member with these roles: a new membership, an ended one started again with
 * only the new roles (a re-invited person starts afresh), or a current one with the roles added.
 */
export async function startMembership(
  ctx: RequestContext,
  organisationId: string,
  userId: string,
  roles: readonly Role[],
): Promise<Membership> {
  const existing = await ctx.em.findOne(
    Membership,
    { organisationId, userId },
    { filters: { [CURRENT_ONLY]: false } },
  );
  if (!existing) {
    const created = ctx.em.create(Membership, {
      organisationId,
      userId,
      roles: [...roles],
      createdAt: ctx.now,
      endedAt: null,
      endedBy: null,
    });
    await ctx.em.flush();
    return created;
  }
  if (existing.endedAt) {
    existing.roles = [...roles];
    existing.createdAt = ctx.now;
    existing.endedAt = null;
    existing.endedBy = null;
  } else {
    existing.roles = [...new Set([...existing.roles, ...roles])];
  }
  await ctx.em.flush();
  return existing;
}

/**
 * The organisation's current people, by role if asked, for staff to choose from: names and
 * roles; the address only for those who manage members, and never a client's.
 */
export async function listMembers(ctx: RequestContext, role: Role | null): Promise<MemberView[]> {
  const { organisationId } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('listMembers', 'Organisation')) {
    recordAccess(ctx, { action: 'list-members', outcome: 'denied' });
    throw forbidden('Alleen medewerkers zien wie er in de organisatie zijn.');
  }
  const members = await ctx.em.find(
    Membership,
    { organisationId, ...(role ? { roles: { $contains: [role] } } : {}) },
    { orderBy: { createdAt: 'asc' } },
  );
  const users = await ctx.em.find(User, { id: { $in: members.map((m) => m.userId) } });
  const byId = new Map(users.map((user) => [user.id, user]));
  const showAddress = ability.can('manageMembers', 'Organisation');
  return members
    .map((membership) => memberView(membership, byId.get(membership.userId)!, showAddress))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nl'));
}

/**
 * A member as the API shows them: the address only to those who manage members, and never a
 * client's; a position only with the director role.
 */
export function memberView(
  membership: Membership,
  user: Pick<User, 'displayName' | 'email'>,
  showAddress: boolean,
): MemberView {
  const roles = membership.roles.filter(isRole);
  return {
    userId: membership.userId,
    displayName: user.displayName,
    roles,
    email: showAddress && !roles.includes('client') ? user.email : null,
    memberSince: membership.createdAt,
    position: roles.includes('director') ? membership.position : null,
  };
}

/**
 * The member whose roles the viewer would change: a current member other than the viewer,
 * whose roles the viewer may take away. Anything else, including a person of another
 * organisation, is the one answer for an unknown person.
 */
async function manageableMember(ctx: RequestContext, userId: string, action: string) {
  const { organisationId, viewer, roles } = requireOrganisation(ctx);
  const { ability } = await requestAbility(ctx);
  if (!ability.can('manageMembers', 'Organisation')) {
    recordAccess(ctx, { action, outcome: 'denied' });
    throw forbidden('U beheert de leden van deze organisatie niet.');
  }
  if (userId === viewer.userId) {
    throw badInput('Uw eigen rollen wijzigt een andere beheerder.', { field: 'userId' });
  }
  const membership = /^[0-9a-f-]{36}$/.test(userId)
    ? await ctx.em.findOne(Membership, { organisationId, userId })
    : null;
  if (!membership) throw unknownPerson('userId');
  if (!mayGrant(roles, membership.roles)) {
    recordAccess(ctx, { action, outcome: 'denied' });
    throw forbidden('U mag de rollen van deze persoon niet wijzigen.');
  }
  return membership;
}

/**
 * Ends a member's access at once (a leaving employee, a client who asked): the membership stays
 * for the record but gives nothing from the very next request, and the person is signed out.
 */
export async function endMembership(ctx: RequestContext, userId: string): Promise<boolean> {
  const membership = await manageableMember(ctx, userId, 'end-membership');
  membership.endedAt = ctx.now;
  membership.endedBy = ctx.viewer!.userId;
  // A walk-in client's open invitation claims this account (ADR 0096): accepted after the end, it
  // would start the ended membership again on a link staff no longer stand behind.
  const waiting = await ctx.em.find(Invitation, {
    organisationId: membership.organisationId,
    userId,
    acceptedAt: null,
    revokedAt: null,
  });
  for (const invitation of waiting) invitation.revokedAt = ctx.now;
  await ctx.em.flush();
  await ctx.hooks.effects(ctx, MEMBER_ROLES_LOST, {
    organisationId: membership.organisationId,
    userId,
    lost: membership.roles,
    ended: true,
  });
  await ctx.em.flush();
  await endSessionsOfMember(ctx, userId);
  recordAccess(ctx, { action: 'end-membership', outcome: 'allowed' });
  return true;
}

/** Changes a member's roles; a role taken away stops counting on their very next request. */
export async function changeMemberRoles(ctx: RequestContext, input: unknown): Promise<MemberView> {
  const data = parseInput(ChangeMemberRolesSchema, input);
  const membership = await manageableMember(ctx, data.userId, 'change-member-roles');
  const { roles } = requireOrganisation(ctx);
  if (!mayGrant(roles, data.roles)) {
    recordAccess(ctx, { action: 'change-member-roles', outcome: 'denied' });
    throw forbidden('U mag deze rollen niet toekennen.');
  }
  const lost = membership.roles.filter((role) => !data.roles.includes(role));
  membership.roles = data.roles;
  await ctx.em.flush();
  if (lost.length > 0) {
    await ctx.hooks.effects(ctx, MEMBER_ROLES_LOST, {
      organisationId: membership.organisationId,
      userId: data.userId,
      lost,
      ended: false,
    });
    await ctx.em.flush();
  }
  recordAccess(ctx, { action: 'change-member-roles', outcome: 'allowed' });
  const user = await ctx.em.findOneOrFail(User, { id: data.userId });
  return memberView(membership, user, true);
}
