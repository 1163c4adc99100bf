import { Migration } from '@mikro-orm/migrations';

/**
 * A member's secrets out of the runtime role's reach (ADR 0060). The password hash and the TOTP
 * secret leave `users`, which every member of an organisation may read, for `user_secrets`, on
 * which the runtime role has no privilege at all. The server reaches them only through four
 * security definers, each for the person themself:
 * - `app.sign_in_password_hash()`: the hash of the account being signed in to
 *   (`app.sign_in_email`), and only while no organisation and no user are in scope;
 * - `app.own_totp()` / `app.set_own_totp(secret)`: the signed-in user's sealed TOTP secret;
 * - `app.set_invited_password(user, hash)`: the first password of an account made by accepting
 *   an invitation (ADR 0090), only for the invited address and only once;
 * - `app.use_own_totp_step(step)`: records a used TOTP time step, refusing one that is not later
 *   than the last used (a code is accepted once, whatever session presents it).
 * The TOTP secret is stored sealed by the server (AES-256-GCM, key outside the database); a
 * secret from before this migration is sealed the first time it is used.
 */
export class Migration0060UserSecrets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table user_secrets (
  user_id uuid primary key references users (id) on delete cascade,
  password_hash text not null,
  totp_secret text,
  totp_last_step bigint
);
alter table user_secrets enable row level security;
alter table user_secrets force row level security;
create policy user_secrets_by_owner on user_secrets for all to klachtpad_owner
  using (true) with check (true);

insert into user_secrets (user_id, password_hash, totp_secret)
  select id, password_hash, mfa_secret from users;
alter table users drop column password_hash, drop column mfa_secret;

create function app.sign_in_password_hash() returns text
  language sql stable security definer set search_path = pg_catalog as $fn$
  select s.password_hash from public.user_secrets s join public.users u on u.id = s.user_id
   where u.email = app.sign_in_email()
     and app.current_organisation_id() is null and app.current_user_id() is null
$fn$;

create function app.own_totp(out secret text, out last_step bigint)
  language sql stable security definer set search_path = pg_catalog as $fn$
  select s.totp_secret, s.totp_last_step from public.user_secrets s
   where s.user_id = app.current_user_id()
$fn$;

create function app.set_own_totp(p_secret text) returns void
  language sql security definer set search_path = pg_catalog as $fn$
  update public.user_secrets set totp_secret = p_secret where user_id = app.current_user_id()
$fn$;

create function app.use_own_totp_step(p_step bigint) returns boolean
  language sql security definer set search_path = pg_catalog as $fn$
  with used as (
    update public.user_secrets set totp_last_step = p_step
     where user_id = app.current_user_id()
       and (totp_last_step is null or totp_last_step < p_step)
    returning 1
  )
  select exists (select 1 from used)
$fn$;

create function app.set_invited_password(p_user uuid, p_hash text) returns boolean
  language sql security definer set search_path = pg_catalog as $fn$
  with created as (
    insert into public.user_secrets (user_id, password_hash)
    select u.id, p_hash from public.users u
     where u.id = p_user and u.email = app.sign_in_email()
       and exists (
         select 1 from public.invitations i
          where i.token_hash = app.invitation_token_hash() and i.email = u.email
            and i.accepted_at is null and i.revoked_at is null
       )
    on conflict (user_id) do nothing
    returning 1
  )
  select exists (select 1 from created)
$fn$;

-- A new password through a reset link (ADR 0091): for the user in scope, while a reset of theirs
-- is open and unexpired.
create function app.set_reset_password(p_hash text, p_now timestamptz) returns boolean
  language sql security definer set search_path = pg_catalog as $fn$
  with changed as (
    update public.user_secrets set password_hash = p_hash
     where user_id = app.current_user_id()
       and exists (
         select 1 from public.password_resets r
          where r.user_id = app.current_user_id() and r.used_at is null and r.expires_at > p_now
       )
    returning 1
  )
  select exists (select 1 from changed)
$fn$;

revoke all on function app.sign_in_password_hash(), app.own_totp(), app.set_own_totp(text),
  app.use_own_totp_step(bigint), app.set_invited_password(uuid, text),
  app.set_reset_password(text, timestamptz) from public;
grant execute on function app.sign_in_password_hash(), app.own_totp(), app.set_own_totp(text),
  app.use_own_totp_step(bigint), app.set_invited_password(uuid, text),
  app.set_reset_password(text, timestamptz) to klachtpad_runtime;
`);
  }
}
