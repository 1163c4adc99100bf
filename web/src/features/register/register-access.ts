import type { Role } from '@klachtpad/contracts';

/** Who may read the anonymised register: managers and directors (`readRegister`, ADR 0017). */
export function canReadRegister(roles: readonly Role[]): boolean {
  return roles.includes('manager') || roles.includes('director');
}
