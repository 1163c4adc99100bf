import type { Role } from '@klachtpad/contracts';

/** Who may read the organisation's access log: its directors (`readAccessLog`, ADR 0087). */
export function canReadAccessLog(roles: readonly Role[]): boolean {
  return roles.includes('director');
}
