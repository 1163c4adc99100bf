import type { Role } from '@klachtpad/contracts';
import type { MembershipView } from '../auth/auth.graphql';
import { rolesFrom } from '../../shared/roles';

/**
 * The care organisations a person serves as a commission member: their memberships with the
 * commission role in an organisation that is not itself a commission. Each is asked on its own
 * (ADR 0088); the commission's own organisation holds no cases of theirs.
 */
export function servedOrganisations(memberships: readonly MembershipView[]): MembershipView[] {
  return memberships.filter(
    (membership) =>
      membership.kind !== 'commission' && rolesFrom(membership.roles).includes('commission'),
  );
}

/** Whether the person has a commission's workspace at all. */
export function isCommissionMember(
  roles: readonly Role[],
  memberships: readonly MembershipView[],
): boolean {
  return roles.includes('commission') && servedOrganisations(memberships).length > 0;
}
