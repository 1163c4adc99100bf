import type { Role } from '@klachtpad/contracts';

/** Who reads the procedure page (diagram and words): the organisation's managers and directors. */
export function canReadProcedurePage(roles: readonly Role[]): boolean {
  return roles.includes('manager') || roles.includes('director');
}

/**
 * Who may change it: directors, as the server's ability says (`configureProcedure`); the server
 * refuses anyone else whatever the screen offers.
 */
export function canEditProcedure(roles: readonly Role[]): boolean {
  return roles.includes('director');
}
