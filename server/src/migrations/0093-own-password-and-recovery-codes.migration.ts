import { Migration } from '@mikro-orm/migrations';

/**
 * A person's own account security (ADR 0093), through security definers for the signed-in user
 * alone, as in ADR 0060:
 * - `app.own_password_hash()` / `app.set_own_password(hash)`: changing one's password, after
 *   proving the current one;
 * - `user_secrets.recovery_codes`: the SHA-256s of the person's MFA recovery codes (each code
 *   120 random bits, shown once); `app.set_own_recovery_codes(hashes)` replaces them all,
 *   `app.use_own_recovery_code(hash)` removes one and says whether it was there (single use, in
 *   one statement, so two requests cannot spend it twice); `app.own_recovery_codes_left()`.
 */
export class Migration0093OwnPasswordAndRecoveryCodes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table user_secrets add column recovery_codes text[] not null default '{}'
  check (array_position(recovery_codes, null) is null and cardinality(recovery_codes) <= 20);

create function app.own_password_hash() returns text
  language sql stable security definer set search_path = pg_catalog as $fn$
  select s.password_hash from public.user_secrets s where s.user_id = app.current_user_id()
$fn$;

create function app.set_own_password(p_hash text) returns boolean
  language sql security definer set search_path = pg_catalog as $fn$
  with changed as (
    update public.user_secrets set password_hash = p_hash
     where user_id = app.current_user_id()
    returning 1
  )
  select exists (select 1 from changed)
$fn$;

create function app.set_own_recovery_codes(p_hashes text[]) returns boolean
  language sql security definer set search_path = pg_catalog as $fn$
  with changed as (
    update public.user_secrets set recovery_codes = p_hashes
     where user_id = app.current_user_id()
    returning 1
  )
  select exists (select 1 from changed)
$fn$;

create function app.use_own_recovery_code(p_hash text) returns boolean
  language sql security definer set search_path = pg_catalog as $fn$
  with used as (
    update public.user_secrets set recovery_codes = array_remove(recovery_codes, p_hash)
     where user_id = app.current_user_id() and p_hash = any (recovery_codes)
    returning 1
  )
  select exists (select 1 from used)
$fn$;

create function app.own_recovery_codes_left() returns integer
  language sql stable security definer set search_path = pg_catalog as $fn$
  select coalesce(cardinality(s.recovery_codes), 0) from public.user_secrets s
   where s.user_id = app.current_user_id()
$fn$;

revoke all on function app.own_password_hash(), app.set_own_password(text),
  app.set_own_recovery_codes(text[]), app.use_own_recovery_code(text),
  app.own_recovery_codes_left() from public;
grant execute on function app.own_password_hash(), app.set_own_password(text),
  app.set_own_recovery_codes(text[]), app.use_own_recovery_code(text),
  app.own_recovery_codes_left() to klachtpad_runtime;
`);
  }
}
