import { Migration } from '@mikro-orm/migrations';

/**
 * Disabled accounts (ADR 0067). A platform operator disables a person's account everywhere —
 * a compromised account, a person who must no longer sign in to any organisation — and enables
 * it again; members cannot. `users.disabled_at` (and the operator who did it) is readable as
 * any column of `users`; only `app.set_account_disabled`, a security definer that answers only
 * in an operator's scope (ADR 0092), writes it, and disabling revokes every session of the
 * account in the same statement block, so nothing the person had open works a moment longer.
 */
export class Migration0067DisabledAccounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table users
  add column disabled_at timestamptz,
  add column disabled_by uuid references operators (id),
  add constraint users_disabled_by_operator check ((disabled_at is null) = (disabled_by is null));

-- The definer runs as the owner: it may read, change and sign out an account only while an
-- operator is in scope (and so no organisation and no user).
create policy users_by_operator_update on users for update to klachtpad_owner
  using (app.current_operator_id() is not null) with check (true);
create policy sessions_by_operator_select on sessions for select to klachtpad_owner
  using (app.current_operator_id() is not null);
create policy sessions_by_operator_update on sessions for update to klachtpad_owner
  using (app.current_operator_id() is not null) with check (true);

create function app.set_account_disabled(p_email text, p_disabled boolean, p_now timestamptz)
  returns table (user_id uuid, disabled_at timestamptz, sessions_ended integer)
  language plpgsql security definer set search_path = pg_catalog as $fn$
declare
  v_operator uuid := app.current_operator_id();
  v_user uuid;
  v_disabled_at timestamptz;
  v_ended integer := 0;
begin
  if v_operator is null then
    return;
  end if;
  update public.users u
     set disabled_at = case when p_disabled then coalesce(u.disabled_at, p_now) end,
         disabled_by = case when p_disabled then coalesce(u.disabled_by, v_operator) end
   where u.email = lower(p_email)
  returning u.id, u.disabled_at into v_user, v_disabled_at;
  if v_user is null then
    return;
  end if;
  if p_disabled then
    update public.sessions s set revoked_at = p_now
     where s.user_id = v_user and s.revoked_at is null;
    get diagnostics v_ended = row_count;
  end if;
  return query select v_user, v_disabled_at, v_ended;
end
$fn$;
revoke all on function app.set_account_disabled(text, boolean, timestamptz) from public;
grant execute on function app.set_account_disabled(text, boolean, timestamptz) to klachtpad_runtime;
`);
  }
}
