import { Migration } from '@mikro-orm/migrations';

/**
 * Limits on guessing that hold across server processes (ADR 0062).
 *
 * `sign_in_limits` is rate-limiter-flexible's PostgreSQL store (its own column layout): the
 * attempts per client address, per e-mail address and per account's second factor, keyed by
 * a limiter prefix and a SHA-256, never an address in clear. It holds no tenant data and no
 * secret, so it has no row-level security; the runtime role reads and writes it outside the
 * request's transaction, so a refused attempt stays counted when the request rolls back.
 *
 * `sessions.mfa_required` records that the person had a second factor when the session was
 * opened: such a session can do nothing but pass it (or sign out) until it has. Sessions open
 * now of people with a second factor become such sessions unless they passed it.
 */
export class Migration0062SignInLimits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table sign_in_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
grant select, insert, update, delete on sign_in_limits to klachtpad_runtime;

alter table sessions add column mfa_required boolean not null default false;
update sessions s set mfa_required = true
  from users u where u.id = s.user_id and u.mfa_enabled_at is not null and s.mfa_verified_at is null;
`);
  }
}
