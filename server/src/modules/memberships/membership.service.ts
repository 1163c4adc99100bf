import type { EntityManager } from '@mikro-orm/postgresql';
import type { Role } from '@klachtpad/contracts';
import { requireOrganisation, type RequestContext } from '../../core/context.js';
import { badInput } from '../../core/errors.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Membership } from './membership.entity.js';

/** The one answer for a person who is not (or not as that) in the organisation. */
export const unknownPerson = (field: string) =>
  badInput('Onbekende persoon in deze organisatie.', { field });

/** Accepts a member who holds one of these roles. */
export const holdsRole =
  (...roles: Role[]) =>
  (membership: Membership) =>
    membership.roles.some((role) => roles.includes(role));

/** Accepts any member. */
export const anyMember = () => true;

/**
 * Every id must be a member of the active organisation that `accept` accepts; otherwise the
 * input is refused, ids of other organisations looking exactly like ids that do not exist.
 */
export async function requireMembers(
  ctx: RequestContext,
  userIds: readonly string[],
  field: string,
  accept: (membership: Membership) => boolean,
): Promise<Membership[]> {
  if (userIds.length === 0) return [];
  const { organisationId } = requireOrganisation(ctx);
  const members = await ctx.em.find(Membership, {
    organisationId,
    userId: { $in: [...new Set(userIds)] },
  });
  const ok = userIds.every((id) => members.some((m) => m.userId === id && accept(m)));
  if (!ok) throw unknownPerson(field);
  return members;
}

/**
 * The commission organisations a person sits on. They are organisations of their own; a person may
 * read their own memberships there, never anyone else's.
 */
export async function commissionsOf(em: EntityManager, userId: string): Promise<string[]> {
  const memberships = await em.find(Membership, { userId });
  if (memberships.length === 0) return [];
  const commissions = await em.find(Organisation, {
    id: { $in: memberships.map((m) => m.organisationId) },
    kind: 'commission',
  });
  return commissions.map((c) => c.id);
}
