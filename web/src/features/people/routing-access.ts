import type { Role } from '@klachtpad/contracts';

/**
 * Who arranges teams and the routing per stage: directors, as the server's ability says
 * (`manageRouting`); the server refuses anyone else whatever the screen offers.
 */
export function canManageRouting(roles: readonly Role[]): boolean {
  return roles.includes('director');
}
