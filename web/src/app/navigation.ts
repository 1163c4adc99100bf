import { STAFF_ROLES, type Role } from '@klachtpad/contracts';
import { canReadAccessLog } from '../features/access-log/access-log-access';
import { canReadDashboard } from '../features/dashboard/dashboard-access';
import { canReadProcedurePage } from '../features/procedure/procedure-access';
import { canReadRegister } from '../features/register/register-access';
import { canManageRouting } from '../features/people/routing-access';

export interface NavigationItem {
  to: string;
  /** A key of the `common` catalogue's `nav` group. */
  label:
    | 'myComplaints'
    | 'fileComplaint'
    | 'confidants'
    | 'clients'
    | 'clientComplaints'
    | 'start'
    | 'notifications'
    | 'contact'
    | 'inbox'
    | 'dashboard'
    | 'register'
    | 'accessLog'
    | 'procedure'
    | 'structure'
    | 'myData'
    | 'commission';
  /** Marked current only on this exact address (not on deeper pages). */
  end?: boolean;
}

/**
 * The menu of each role, from `me`: clients and confidants get their portal, staff (handlers,
 * managers, directors) their inbox, commission members the commission's workspace. Nobody sees
 * another role's pages in the menu; the server refuses what their role may not do whatever
 * address they type.
 */
export function navigationFor(roles: readonly Role[]): NavigationItem[] {
  const items: NavigationItem[] = [];
  if (roles.includes('client')) {
    items.push(
      { to: '/klachten', label: 'myComplaints', end: true },
      { to: '/klachten/nieuw', label: 'fileComplaint' },
      { to: '/vertrouwenspersonen', label: 'confidants' },
      // The client's own rights under the AVG (ADR 0095); a confidant asks nothing for them.
      { to: '/mijn-gegevens', label: 'myData' },
    );
  }
  if (roles.includes('confidant')) {
    items.push(
      { to: '/clienten', label: 'clients' },
      { to: '/klachten', label: 'clientComplaints', end: true },
    );
  }
  if (isStaff(roles)) items.push({ to: '/werkbak', label: 'inbox' });
  if (canReadDashboard(roles)) items.push({ to: '/dashboard', label: 'dashboard' });
  if (canReadRegister(roles)) items.push({ to: '/register', label: 'register' });
  if (canReadAccessLog(roles)) items.push({ to: '/toegangslogboek', label: 'accessLog' });
  if (canReadProcedurePage(roles)) items.push({ to: '/procedure', label: 'procedure' });
  if (canManageRouting(roles)) items.push({ to: '/organisatie/teams', label: 'structure' });
  if (roles.includes('commission')) items.push({ to: '/commissie', label: 'commission' });
  if (items.length === 0) items.push({ to: '/', label: 'start', end: true });
  // Everyone hears about their cases, and decides how they may be reached outside the portal.
  items.push(
    { to: '/meldingen', label: 'notifications' },
    { to: '/bereikbaarheid', label: 'contact' },
  );
  return items;
}

/** Handlers, managers and directors: the organisation's staff (`STAFF_ROLES`). */
export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((role) => (STAFF_ROLES as readonly Role[]).includes(role));
}

/** The portal's roles: people who may need to leave the page at once. */
export function isPortalPerson(roles: readonly Role[]): boolean {
  return roles.includes('client') || roles.includes('confidant');
}

/** Where someone lands after signing in. */
export function startPathFor(roles: readonly Role[]): string | undefined {
  if (roles.includes('client')) return '/klachten';
  if (roles.includes('confidant')) return '/clienten';
  if (isStaff(roles)) return '/werkbak';
  if (roles.includes('commission')) return '/commissie';
  return undefined;
}
