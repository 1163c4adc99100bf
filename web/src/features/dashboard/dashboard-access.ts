import type { Role } from '@klachtpad/contracts';

/**
 * Who has the management dashboard: managers and directors (`readInsights`, ADR 0086). The
 * server gives anyone else no lead times or trends, whatever address they type.
 */
export function canReadDashboard(roles: readonly Role[]): boolean {
  return roles.includes('manager') || roles.includes('director');
}
