import { MFA_ROLES } from '@klachtpad/contracts';
import { rolesFrom } from '../../shared/roles';
import type { Me, MembershipView } from '../auth/auth.graphql';

/**
 * The organisation to enter without asking: the one chosen earlier in this tab while the user is
 * still a member, else the only one. Undefined means the user chooses.
 */
export function organisationToEnter(
  memberships: readonly MembershipView[],
  preference: string | null,
): MembershipView | undefined {
  const preferred = memberships.find((membership) => membership.slug === preference);
  if (preferred) return preferred;
  return memberships.length === 1 ? memberships[0] : undefined;
}

/**
 * Whether entering this organisation needs two-step verification first. Mirrors the server's
 * rule so the user is asked before the server refuses; the server still decides.
 */
export function needsVerificationFor(membership: MembershipView, me: Me): boolean {
  if (!membership.mfaRequiredForStaff || me.sessionMfaVerified) return false;
  return rolesFrom(membership.roles).some((role) => MFA_ROLES.includes(role));
}
