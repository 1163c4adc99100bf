/**
 * The roles a membership can hold in an organisation (DESIGN.md section 1).
 * Closed list: the server's ability factory fails fast on anything else.
 */
export const ROLES = [
  'client',
  'confidant',
  'handler',
  'manager',
  'director',
  'commission',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * The organisation's staff: the roles that handle complaints for it. The one meaning of "staff"
 * (the server's ability gives staff permissions to exactly these roles).
 */
export const STAFF_ROLES: readonly Role[] = ['handler', 'manager', 'director'];

/**
 * Roles that read dossiers in their work: staff and members of a commission. An organisation may
 * require two-step verification for these.
 */
export const MFA_ROLES: readonly Role[] = [...STAFF_ROLES, 'commission'];

/** Returns true when the value is a known role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Stable error codes every GraphQL error carries in `extensions.code`.
 * Clients branch on these, never on messages.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  /** Too many requests, or too costly ones, in a short time: `Retry-After` says when to retry. */
  'RATE_LIMITED',
  /** The database (or another service the request needs) cannot answer now: retry later. */
  'UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
