import { Migration } from '@mikro-orm/migrations';

/**
 * Organisations, users, memberships, sessions and procedure versions, with the three walls of
 * tenant isolation in the database itself (docs/adr/0002-tenant-isolation.md):
 * - every tenant table keys on organisation_id (primary key, unique constraints, foreign keys), so
 *   a row can never point into another organisation and the schema distributes on Citus;
 * - row-level security is enabled and forced on every table, with a policy per command;
 * - the runtime role owns nothing and only sees rows for the organisation and user set for the
 *   current transaction by `set_config(..., true)`; without them it sees no tenant rows.
 */
export class Migration0001Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create schema app;
grant usage on schema app to klachtpad_runtime;

-- Transaction-local request scope. An unset custom setting reads as '' once any transaction on
-- the connection has set it, so '' and NULL both mean "no scope".
create function app.current_organisation_id() returns uuid language sql stable as
  $$ select nullif(current_setting('app.organisation_id', true), '')::uuid $$;
create function app.current_user_id() returns uuid language sql stable as
  $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;
create function app.sign_in_email() returns text language sql stable as
  $$ select nullif(current_setting('app.sign_in_email', true), '') $$;
create function app.session_token_hash() returns text language sql stable as
  $$ select nullif(current_setting('app.session_token_hash', true), '') $$;

-- One definition of the tenant policies, applied to every tenant table.
create function app.enable_tenant_rls(tbl regclass) returns void language plpgsql as $fn$
begin
  execute format('alter table %s enable row level security', tbl);
  execute format('alter table %s force row level security', tbl);
  execute format('create policy tenant_select on %s for select using (organisation_id = app.current_organisation_id())', tbl);
  execute format('create policy tenant_insert on %s for insert with check (organisation_id = app.current_organisation_id())', tbl);
  execute format('create policy tenant_update on %s for update using (organisation_id = app.current_organisation_id()) with check (organisation_id = app.current_organisation_id())', tbl);
  execute format('create policy tenant_delete on %s for delete using (organisation_id = app.current_organisation_id())', tbl);
end
$fn$;

create table organisations (
  id uuid primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 63),
  name text not null check (length(name) between 1 and 200),
  kind text not null default 'care' check (kind in ('care', 'commission')),
  mfa_required_for_staff boolean not null default true,
  created_at timestamptz not null default now()
);
alter table organisations enable row level security;
alter table organisations force row level security;
-- Slugs and names are not personal data; resolving X-Organisation needs them before any scope.
create policy organisations_select on organisations for select using (true);
create policy organisations_update on organisations for update
  using (id = app.current_organisation_id()) with check (id = app.current_organisation_id());
create policy organisations_insert_by_owner on organisations for insert to klachtpad_owner with check (true);

create table users (
  id uuid primary key,
  email text not null check (email = lower(email) and length(email) between 3 and 320),
  display_name text not null check (length(display_name) between 1 and 200),
  password_hash text not null,
  mfa_secret text,
  mfa_enabled_at timestamptz,
  failed_sign_ins integer not null default 0 check (failed_sign_ins >= 0),
  locked_until timestamptz,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (email);

create table memberships (
  organisation_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  roles text[] not null check (
    cardinality(roles) > 0
    and roles <@ array['client', 'confidant', 'handler', 'manager', 'director', 'commission']::text[]
  ),
  created_at timestamptz not null default now(),
  primary key (organisation_id, user_id)
);
create index memberships_user_idx on memberships (user_id);
select app.enable_tenant_rls('memberships');
-- A user may list their own memberships in every organisation (the organisation switcher).
create policy memberships_own_select on memberships for select using (user_id = app.current_user_id());

-- Users are global identities, visible only as: oneself, the account being signed in to, or a
-- member of the organisation in scope.
alter table users enable row level security;
alter table users force row level security;
create policy users_select on users for select using (
  id = app.current_user_id()
  or email = app.sign_in_email()
  or exists (
    select 1 from memberships m
    where m.user_id = users.id and m.organisation_id = app.current_organisation_id()
  )
);
create policy users_update on users for update
  using (id = app.current_user_id() or email = app.sign_in_email())
  with check (id = app.current_user_id() or email = app.sign_in_email());
create policy users_insert_by_owner on users for insert to klachtpad_owner with check (true);
create policy users_select_by_owner on users for select to klachtpad_owner using (true);

create table sessions (
  id uuid primary key,
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  mfa_verified_at timestamptz,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);
alter table sessions enable row level security;
alter table sessions force row level security;
create policy sessions_select on sessions for select
  using (user_id = app.current_user_id() or token_hash = app.session_token_hash());
create policy sessions_update on sessions for update
  using (user_id = app.current_user_id() or token_hash = app.session_token_hash())
  with check (user_id = app.current_user_id() or token_hash = app.session_token_hash());
create policy sessions_insert on sessions for insert with check (user_id = app.current_user_id());
create policy sessions_delete on sessions for delete using (user_id = app.current_user_id());

create table procedure_versions (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  version integer not null check (version > 0),
  definition jsonb not null,
  published_at timestamptz not null default now(),
  published_by uuid not null,
  primary key (organisation_id, id),
  unique (organisation_id, version),
  -- The publisher must be a member of the same organisation: the key includes organisation_id.
  foreign key (organisation_id, published_by) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('procedure_versions');

grant select, update (name, mfa_required_for_staff) on organisations to klachtpad_runtime;
grant select, update (display_name, password_hash, mfa_secret, mfa_enabled_at, failed_sign_ins, locked_until)
  on users to klachtpad_runtime;
grant select, insert, update, delete on sessions to klachtpad_runtime;
grant select, insert, update, delete on memberships to klachtpad_runtime;
-- Published versions are immutable: a change is a new version.
grant select, insert on procedure_versions to klachtpad_runtime;
`);
  }
}
