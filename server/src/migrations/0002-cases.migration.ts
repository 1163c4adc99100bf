import { Migration } from '@mikro-orm/migrations';

/**
 * Cases, their timeline (which is also the outbox for live updates), confidant grants, referrals
 * to commissions and the NEN 7513 access log. Every table is a tenant table under the same
 * policies as 0001 (app.enable_tenant_rls).
 *
 * Who may see a case is decided from columns on the case row itself (client, assigned handlers,
 * subjects, confidants with a live grant, commissions with a live referral), so the CASL rules
 * translate into one indexed SQL filter; grants and referrals keep their own history tables.
 */
export class Migration0002Cases extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table case_reference_counters (
  organisation_id uuid not null references organisations (id),
  year integer not null check (year between 2000 and 9999),
  last_number integer not null check (last_number >= 0),
  primary key (organisation_id, year)
);
select app.enable_tenant_rls('case_reference_counters');

create table cases (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  reference text not null check (reference ~ '^[A-Z0-9]+-[0-9]{4}-[0-9]{4,}$'),
  procedure_version_id uuid not null,
  client_id uuid not null,
  filed_by_id uuid not null,
  channel text not null check (channel in ('portal', 'confidant', 'in-person', 'phone', 'paper', 'email')),
  category text check (length(category) <= 100),
  handler_ids uuid[] not null default '{}',
  subject_ids uuid[] not null default '{}',
  confidant_ids uuid[] not null default '{}',
  commission_ids uuid[] not null default '{}',
  stages text[] not null default '{}',
  state jsonb not null,
  version integer not null check (version > 0),
  received_on date not null,
  next_due_on date,
  closed boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (organisation_id, id),
  unique (organisation_id, reference),
  foreign key (organisation_id, procedure_version_id) references procedure_versions (organisation_id, id),
  foreign key (organisation_id, client_id) references memberships (organisation_id, user_id),
  foreign key (organisation_id, filed_by_id) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('cases');
-- Keyset pagination walks (organisation_id, created_at desc, id); visibility filters use GIN.
create index cases_listing_idx on cases (organisation_id, created_at desc, id desc);
create index cases_client_idx on cases (organisation_id, client_id);
create index cases_handlers_idx on cases using gin (handler_ids);
create index cases_confidants_idx on cases using gin (confidant_ids);
create index cases_commissions_idx on cases using gin (commission_ids);
create index cases_due_idx on cases (organisation_id, next_due_on) where not closed;

create table case_events (
  organisation_id uuid not null references organisations (id),
  id bigint generated always as identity,
  case_id uuid not null,
  sequence integer not null check (sequence > 0),
  type text not null check (length(type) <= 60),
  -- Who may see the event: the client side (client, confidant), staff only, or a commission too.
  visibility text not null check (visibility in ('shared', 'internal', 'commission')),
  actor_id uuid,
  on_behalf_of_id uuid,
  payload jsonb not null,
  occurred_at timestamptz not null,
  primary key (organisation_id, id),
  unique (organisation_id, case_id, sequence),
  foreign key (organisation_id, case_id) references cases (organisation_id, id)
);
select app.enable_tenant_rls('case_events');
create index case_events_case_idx on case_events (organisation_id, case_id, sequence);

create table confidant_grants (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  confidant_id uuid not null,
  scopes text[] not null check (
    cardinality(scopes) > 0
    and scopes <@ array['view', 'draft', 'submit', 'receive-letters', 'attend-meetings']::text[]
  ),
  granted_at timestamptz not null,
  revoked_at timestamptz,
  primary key (organisation_id, id),
  foreign key (organisation_id, case_id) references cases (organisation_id, id),
  foreign key (organisation_id, confidant_id) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('confidant_grants');
create unique index confidant_grants_live_key on confidant_grants (organisation_id, case_id, confidant_id)
  where revoked_at is null;

create table referrals (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  -- The commission is an organisation of its own, serving several care organisations.
  commission_id uuid not null references organisations (id),
  referred_at timestamptz not null,
  ends_at timestamptz not null,
  ended_at timestamptz,
  primary key (organisation_id, id),
  foreign key (organisation_id, case_id) references cases (organisation_id, id)
);
select app.enable_tenant_rls('referrals');

create table access_log (
  organisation_id uuid not null references organisations (id),
  id bigint generated always as identity,
  occurred_at timestamptz not null,
  case_id uuid,
  client_id uuid,
  user_id uuid,
  on_behalf_of_id uuid,
  role text,
  action text not null check (length(action) <= 60),
  outcome text not null check (outcome in ('allowed', 'denied')),
  previous_hash text,
  hash text not null,
  primary key (organisation_id, id)
);
select app.enable_tenant_rls('access_log');
create index access_log_case_idx on access_log (organisation_id, case_id, id);

grant select, insert, update on case_reference_counters to klachtpad_runtime;
grant select, insert, update on cases to klachtpad_runtime;
-- The timeline and the access log are append-only for the server.
grant select, insert on case_events to klachtpad_runtime;
grant select, insert, update (revoked_at) on confidant_grants to klachtpad_runtime;
grant select, insert, update (ended_at) on referrals to klachtpad_runtime;
grant select, insert on access_log to klachtpad_runtime;
`);
  }
}
