import { Migration } from '@mikro-orm/migrations';

/**
 * The security log (ADR 0068): refused and suspicious attempts — dossier operations denied
 * (another organisation's ids among them), failed sign-ins, refused second-factor codes, cost
 * budgets exceeded, malware found — as ids and codes only. Not a tenant table: the runtime role
 * may insert and nothing else (no select, no update, no delete), so no member of any
 * organisation can read it, whatever their role. Operators read it through
 * `app.security_log(...)`, which answers only in an operator's scope (ADR 0092), newest first.
 * Lines older than the retention are removed by `app.purge_security_log(before)`.
 */
export class Migration0068SecurityLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table security_events (
  id uuid primary key,
  occurred_at timestamptz not null,
  kind text not null check (kind in
    ('access-denied', 'sign-in-failed', 'mfa-refused', 'rate-limited', 'malware-found')),
  reason text not null check (reason ~ '^[A-Za-z0-9:._-]{1,100}$'),
  action text check (action ~ '^[A-Za-z0-9:._-]{1,100}$'),
  user_id uuid,
  organisation_id uuid,
  target_id uuid,
  client_address text check (client_address ~ '^[0-9A-Fa-f:.]{2,45}$'),
  account_digest text check (account_digest ~ '^[0-9a-f]{16}$'),
  request_id text check (request_id ~ '^[A-Za-z0-9:._-]{1,100}$')
);
create index security_events_time_idx on security_events (occurred_at desc);
alter table security_events enable row level security;
alter table security_events force row level security;
create policy security_events_append on security_events for insert to klachtpad_runtime
  with check (true);
create policy security_events_by_operator on security_events for select to klachtpad_owner
  using (app.current_operator_id() is not null);
create policy security_events_purge on security_events for delete to klachtpad_owner
  using (true);
grant insert on security_events to klachtpad_runtime;

create function app.security_log(p_since timestamptz, p_kind text, p_limit integer)
  returns setof public.security_events
  language sql stable security definer set search_path = pg_catalog as $fn$
  select e.* from public.security_events e
   where app.current_operator_id() is not null
     and e.occurred_at >= p_since
     and (p_kind is null or e.kind = p_kind)
   order by e.occurred_at desc, e.id
   limit greatest(1, least(p_limit, 1000))
$fn$;

-- Deleting reads the rows too: the purge opens them to itself for its one statement.
create policy security_events_purge_select on security_events for select to klachtpad_owner
  using (current_setting('app.security_log_purge', true) = 'on');
create function app.purge_security_log(p_before timestamptz) returns integer
  language plpgsql security definer set search_path = pg_catalog as $fn$
declare
  v_purged integer;
begin
  perform set_config('app.security_log_purge', 'on', true);
  delete from public.security_events where occurred_at < p_before;
  get diagnostics v_purged = row_count;
  perform set_config('app.security_log_purge', 'off', true);
  return v_purged;
end
$fn$;

-- For the security log's reason only (a forged id of another organisation is more suspicious
-- than a stale one); the answer to the request is NOT_FOUND either way. It says whether a case
-- of that id exists outside the organisation in scope, and nothing about it.
create policy cases_existence_probe_by_owner on cases for select to klachtpad_owner
  using (current_setting('app.case_existence_probe', true) = 'on');
create function app.is_case_of_another_organisation(p_case uuid) returns boolean
  language plpgsql security definer set search_path = pg_catalog as $fn$
declare
  v_elsewhere boolean;
begin
  perform set_config('app.case_existence_probe', 'on', true);
  select exists (
    select 1 from public.cases c
     where c.id = p_case and c.organisation_id is distinct from app.current_organisation_id()
  ) into v_elsewhere;
  perform set_config('app.case_existence_probe', 'off', true);
  return v_elsewhere;
end
$fn$;

revoke all on function app.security_log(timestamptz, text, integer),
  app.purge_security_log(timestamptz), app.is_case_of_another_organisation(uuid) from public;
grant execute on function app.security_log(timestamptz, text, integer),
  app.purge_security_log(timestamptz), app.is_case_of_another_organisation(uuid)
  to klachtpad_runtime;
`);
  }
}
