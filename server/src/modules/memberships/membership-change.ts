import type { Role } from '@klachtpad/contracts';
import { defineHookPoint } from '../../core/hooks.js';

/**
 * A member lost roles in the active organisation: some taken away (`changeMemberRoles`), or all
 * of them because the membership ended (`endMembership`). Whatever hung on those roles must go
 * with them in the same transaction, so that nothing of it comes back if the person is invited
 * again (a re-invited person starts afresh: ADR 0096).
 */
export interface MemberRolesLost {
  organisationId: string;
  userId: string;
  lost: readonly Role[];
  /** The membership itself ended. */
  ended: boolean;
}

/** An effect point for modules that keep relationships to a member by role. */
export const MEMBER_ROLES_LOST = defineHookPoint<MemberRolesLost>('member-roles-lost');
