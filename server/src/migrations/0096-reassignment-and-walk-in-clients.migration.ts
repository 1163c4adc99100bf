import { Migration } from '@mikro-orm/migrations';

/**
 * What is left of members (ADR 0096, issue 11 item 2).
 *
 * - `cases.released_handler_ids`: handlers taken off a case because their membership ended or
 *   they lost the handler role, until someone is assigned again. An open case listing any needs
 *   reassignment; the inbox filters on it with a partial index (few cases at a time are in it).
 * - Walk-in clients: staff make an account for a client who came in person, without sign-in (no
 *   address, no password) until the client accepts a portal invitation. `users.email` may
 *   therefore be null (the unique index allows any number of nulls), and an invitation may name
 *   the account it is for (`invitations.user_id`).
 * - `app.create_walk_in_client`: the runtime role still inserts no user by itself; this security
 *   definer makes the account and its client membership in one step, only for a current staff
 *   member of the care organisation in scope, and only an account without address or password.
 * - `app.claim_walk_in_account`: accepting such an invitation gives the waiting account the
 *   invited address, only while that invitation is in scope, open and for that account, and only
 *   when no other account has the address; `app.set_invited_password` then sets its password as
 *   for any invited account.
 */
export class Migration0096ReassignmentAndWalkInClients extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table cases add column released_handler_ids uuid[] not null default '{}';
create index cases_needs_reassignment_idx
  on cases (organisation_id, next_due_on asc nulls last, created_at desc, id desc)
  where not closed and released_handler_ids <> '{}';

alter table users alter column email drop not null;

alter table invitations add column user_id uuid;
alter table invitations add constraint invitations_user_fk
  foreign key (organisation_id, user_id) references memberships (organisation_id, user_id);

create function app.create_walk_in_client(
  p_id uuid, p_display_name text, p_language text, p_now timestamptz
) returns boolean
  language plpgsql security definer set search_path = pg_catalog as $fn$
declare
  v_org uuid := app.current_organisation_id();
begin
  if v_org is null or app.current_user_id() is null then return false; end if;
  if not exists (
    select 1 from public.memberships m join public.organisations o on o.id = m.organisation_id
     where m.organisation_id = v_org and m.user_id = app.current_user_id()
       and m.ended_at is null and o.kind = 'care'
       and m.roles && array['handler', 'manager', 'director']::text[]
  ) then
    return false;
  end if;
  insert into public.users (id, email, display_name, language, created_at)
    values (p_id, null, p_display_name, p_language, p_now);
  insert into public.memberships (organisation_id, user_id, roles, created_at)
    values (v_org, p_id, array['client']::text[], p_now);
  return true;
end
$fn$;

-- The claim runs as the owner, under the users table's forced RLS: it may see and change exactly
-- the waiting account (no address yet) of the invitation whose token is in scope.
create policy users_walk_in_claim_select_by_owner on users for select to klachtpad_owner using (
  email is null and exists (
    select 1 from invitations i
     where i.user_id = users.id and i.token_hash = app.invitation_token_hash()
  )
);
create policy users_walk_in_claim_update_by_owner on users for update to klachtpad_owner using (
  email is null and exists (
    select 1 from invitations i
     where i.user_id = users.id and i.token_hash = app.invitation_token_hash()
  )
) with check (true);

create function app.claim_walk_in_account(p_user uuid) returns boolean
  language sql security definer set search_path = pg_catalog as $fn$
  with claimed as (
    update public.users u set email = i.email
      from public.invitations i
     where u.id = p_user and u.email is null
       and i.token_hash = app.invitation_token_hash() and i.user_id = p_user
       and i.email = app.sign_in_email()
       and i.accepted_at is null and i.revoked_at is null
       and not exists (select 1 from public.users other where other.email = i.email)
    returning 1
  )
  select exists (select 1 from claimed)
$fn$;

revoke all on function app.create_walk_in_client(uuid, text, text, timestamptz),
  app.claim_walk_in_account(uuid) from public;
grant execute on function app.create_walk_in_client(uuid, text, text, timestamptz),
  app.claim_walk_in_account(uuid) to klachtpad_runtime;
`);
  }
}
