/**
 * The three database roles. Migrations and seeding run as `owner`; the server connects as
 * `runtimeLogin`, a member of `runtime`, which owns nothing and cannot bypass row-level security.
 * On an external PostgreSQL an operator creates the same roles (README, "Own PostgreSQL").
 */
export const DB_ROLES = {
  owner: 'klachtpad_owner',
  runtime: 'klachtpad_runtime',
  runtimeLogin: 'klachtpad_app',
} as const;
