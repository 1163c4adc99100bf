import { Migration } from '@mikro-orm/migrations';

/**
 * Members come and go (ADR 0090).
 *
 * - `invitations`: a manager or director asks a person, by e-mail address, to take roles in the
 *   organisation. The link's token is made by the mail job and kept as a SHA-256 only; it expires
 *   and is used once. Before anyone is signed in, acceptance reads the one invitation whose token
 *   was presented (`app.invitation_token_hash`), as sign-in reads the one account it checks.
 * - A person who accepts without an account gets one: the runtime role may insert a user only for
 *   the address of the invitation being accepted, and only the columns an account starts with.
 * - `memberships.ended_at`: a member's access ends (deactivation) without deleting the row that
 *   their cases, messages and signatures point to; a new invitation starts it again.
 * - `app.end_sessions_of_member`: ending a membership signs the person out everywhere at once.
 *   Sessions are the person's own; the function (owned by the owner) revokes them only for a
 *   member of the organisation in scope, and returns a count.
 */
export class Migration0090InvitationsAndEndedMemberships extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create function app.invitation_token_hash() returns text language sql stable as
  $$ select nullif(current_setting('app.invitation_token_hash', true), '') $$;

create table invitations (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  display_name text check (display_name is null or length(display_name) between 1 and 200),
  roles text[] not null check (
    cardinality(roles) > 0
    and roles <@ array['client', 'confidant', 'handler', 'manager', 'director', 'commission']::text[]
  ),
  invited_by uuid,
  token_hash text check (token_hash is null or token_hash ~ '^[0-9a-f]{64}$'),
  expires_at timestamptz not null,
  created_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references users (id),
  revoked_at timestamptz,
  primary key (organisation_id, id),
  unique (organisation_id, token_hash),
  foreign key (organisation_id, invited_by) references memberships (organisation_id, user_id),
  check (accepted_at is null or revoked_at is null)
);
create index invitations_email_idx on invitations (organisation_id, email);
-- Acceptance looks a token up before it knows the organisation.
create index invitations_token_idx on invitations (token_hash);
select app.enable_tenant_rls('invitations');
create policy invitations_by_token_select on invitations for select
  using (token_hash = app.invitation_token_hash());
create policy invitations_by_token_update on invitations for update
  using (token_hash = app.invitation_token_hash())
  with check (token_hash = app.invitation_token_hash());
grant select, insert, update on invitations to klachtpad_runtime;

-- An account is made only for the address of the invitation being accepted, still open.
grant insert (id, email, display_name, password_hash, created_at) on users to klachtpad_runtime;
create policy users_insert_invited on users for insert to klachtpad_runtime with check (
  email = app.sign_in_email()
  and exists (
    select 1 from invitations i
     where i.token_hash = app.invitation_token_hash()
       and i.email = users.email
       and i.accepted_at is null
       and i.revoked_at is null
  )
);

alter table memberships add column ended_at timestamptz;
alter table memberships add column ended_by uuid;

create policy sessions_of_member_select_by_owner on sessions for select to klachtpad_owner using (
  exists (
    select 1 from memberships m
     where m.user_id = sessions.user_id and m.organisation_id = app.current_organisation_id()
  )
);
create policy sessions_of_member_update_by_owner on sessions for update to klachtpad_owner using (
  exists (
    select 1 from memberships m
     where m.user_id = sessions.user_id and m.organisation_id = app.current_organisation_id()
  )
) with check (true);
create function app.end_sessions_of_member(p_user uuid, p_now timestamptz) returns integer
  language sql security definer set search_path = pg_catalog as $fn$
  with ended as (
    update public.sessions s set revoked_at = p_now
     where s.user_id = p_user and s.revoked_at is null
       and app.current_organisation_id() is not null
    returning 1
  )
  select count(*)::integer from ended
$fn$;
revoke all on function app.end_sessions_of_member(uuid, timestamptz) from public;
grant execute on function app.end_sessions_of_member(uuid, timestamptz) to klachtpad_runtime;
`);
  }
}
