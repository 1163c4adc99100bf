import { Migration } from '@mikro-orm/migrations';

/**
 * The durable job queue (ADR 0050). graphile-worker's own schema (`graphile_worker`) is installed
 * by its migrations, run as the owner just before ours (`migrate` in src/orm.ts); this migration
 * gives the runtime role what a worker and an enqueuing request need there, and adds what the
 * queue does not have: a clock of our own.
 *
 * - `deferred_jobs`: work of one organisation that must run at a later moment (a case's next
 *   clock event, an e-mail held back for a client's quiet hours). One row per key, so scheduling
 *   the same key again replaces the row and never doubles it. A tenant table under the usual
 *   policies: requests and jobs write it in their own scoped transactions.
 * - `app.dispatch_due_jobs(now, limit, organisations)`: moves what is due at `now` (the server's clock, injected
 *   in tests) into graphile-worker as jobs to run at once, keyed as they were and flagged
 *   `org:<id>` with their organisation, in one statement that takes rows with `skip locked` so
 *   several schedulers never dispatch one row twice.
 * - `app.periodic_jobs` and `app.dispatch_periodic_jobs(now, jobs)`: housekeeping that runs every
 *   so often (sealing the access log, referral expiry, purges), once per interval across every
 *   process, by the same clock.
 * - `app.purge_expired_sessions` and `app.purge_idempotency_keys`: housekeeping across users and
 *   organisations that returns counts only.
 *
 * The functions are security definers owned by the owner, who may see (and delete) due rows only
 * while no organisation or user is in scope: they return counts and ids, never content.
 */
export class Migration0045JobQueue extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
grant usage on schema graphile_worker to klachtpad_runtime;
grant select, insert, update, delete on all tables in schema graphile_worker to klachtpad_runtime;
-- The worker reads which of the queue's migrations ran; only the owner runs them.
revoke insert, update, delete on graphile_worker.migrations from klachtpad_runtime;
grant usage, select on all sequences in schema graphile_worker to klachtpad_runtime;
grant execute on all functions in schema graphile_worker to klachtpad_runtime;
alter default privileges for role klachtpad_owner in schema graphile_worker
  grant select, insert, update, delete on tables to klachtpad_runtime;
alter default privileges for role klachtpad_owner in schema graphile_worker
  grant usage, select on sequences to klachtpad_runtime;
-- graphile-worker turns row-level security on for its tables (so nothing exposes them by
-- accident) with no policy: the runtime role, which owns nothing, needs one to work the queue.
do $do$
declare
  t record;
begin
  for t in
    select c.relname from pg_class c
     where c.relnamespace = 'graphile_worker'::regnamespace and c.relkind = 'r' and c.relrowsecurity
  loop
    execute format(
      'create policy runtime_works_queue on graphile_worker.%I to klachtpad_runtime using (true) with check (true)',
      t.relname);
  end loop;
end
$do$;

create table deferred_jobs (
  organisation_id uuid not null references organisations (id),
  key text not null check (key ~ '^[A-Za-z0-9:._-]{1,200}$'),
  task text not null check (task ~ '^[a-z][a-z0-9-]{0,62}$'),
  -- Ids only (checked by the server before it writes); never names, texts or addresses.
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  run_at timestamptz not null,
  max_attempts integer check (max_attempts between 1 and 100),
  created_at timestamptz not null,
  primary key (organisation_id, key)
);
create index deferred_jobs_due_idx on deferred_jobs (run_at);
select app.enable_tenant_rls('deferred_jobs');
grant select, insert, update, delete on deferred_jobs to klachtpad_runtime;
create policy deferred_jobs_due_select_by_owner on deferred_jobs for select to klachtpad_owner
  using (app.current_organisation_id() is null);
create policy deferred_jobs_due_delete_by_owner on deferred_jobs for delete to klachtpad_owner
  using (app.current_organisation_id() is null);
-- Taking a row with "for update skip locked" is checked against the update policies too.
create policy deferred_jobs_due_lock_by_owner on deferred_jobs for update to klachtpad_owner
  using (app.current_organisation_id() is null) with check (false);

-- p_organisations: null for every organisation (production); tests name their own.
create function app.dispatch_due_jobs(p_now timestamptz, p_limit integer, p_organisations uuid[])
  returns integer
  language plpgsql security definer set search_path = pg_catalog as $fn$
declare
  specs graphile_worker.job_spec[];
begin
  with due as (
    select organisation_id, key from public.deferred_jobs
     where run_at <= p_now
       and (p_organisations is null or organisation_id = any (p_organisations))
     order by run_at
     limit p_limit
       for update skip locked
  ), moved as (
    delete from public.deferred_jobs d using due
     where d.organisation_id = due.organisation_id and d.key = due.key
    returning d.*
  )
  select array_agg(row(
           moved.task, moved.payload::json, null::text, null::timestamptz, moved.max_attempts,
           moved.organisation_id::text || ':' || moved.key, null::integer,
           array['org:' || moved.organisation_id::text]
         )::graphile_worker.job_spec)
    into specs
    from moved;
  if specs is null then
    return 0;
  end if;
  perform graphile_worker.add_jobs(specs, false);
  return cardinality(specs);
end
$fn$;
revoke all on function app.dispatch_due_jobs(timestamptz, integer, uuid[]) from public;
grant execute on function app.dispatch_due_jobs(timestamptz, integer, uuid[]) to klachtpad_runtime;

create table app.periodic_jobs (
  task text primary key check (task ~ '^[a-z][a-z0-9-]{0,62}$'),
  next_run_at timestamptz not null
);
alter table app.periodic_jobs enable row level security;
alter table app.periodic_jobs force row level security;
-- Only the dispatcher below (running as the owner) touches it.
create policy periodic_jobs_by_owner on app.periodic_jobs for all to klachtpad_owner
  using (true) with check (true);

-- p_jobs: [{"task": "seal-access-log", "everyMs": 1000}, …]
create function app.dispatch_periodic_jobs(p_now timestamptz, p_jobs jsonb) returns integer
  language plpgsql security definer set search_path = pg_catalog as $fn$
declare
  specs graphile_worker.job_spec[];
begin
  insert into app.periodic_jobs (task, next_run_at)
  select j->>'task', p_now from jsonb_array_elements(p_jobs) j
  on conflict (task) do nothing;
  with wanted as (
    select j->>'task' as task, (j->>'everyMs')::bigint as every_ms from jsonb_array_elements(p_jobs) j
  ), due as (
    update app.periodic_jobs p
       set next_run_at = p_now + make_interval(secs => w.every_ms / 1000.0)
      from wanted w
     where p.task = w.task and p.next_run_at <= p_now
    returning p.task
  )
  select array_agg(row(
           due.task, '{}'::json, null::text, null::timestamptz, 3, 'periodic:' || due.task,
           null::integer, null::text[]
         )::graphile_worker.job_spec)
    into specs
    from due;
  if specs is null then
    return 0;
  end if;
  -- A round still waiting keeps its place; one that is running is left to finish.
  perform graphile_worker.add_jobs(specs, true);
  return cardinality(specs);
end
$fn$;
revoke all on function app.dispatch_periodic_jobs(timestamptz, jsonb) from public;
grant execute on function app.dispatch_periodic_jobs(timestamptz, jsonb) to klachtpad_runtime;

create policy sessions_expired_select_by_owner on sessions for select to klachtpad_owner
  using (app.current_user_id() is null);
create policy sessions_expired_delete_by_owner on sessions for delete to klachtpad_owner
  using (app.current_user_id() is null);
create function app.purge_expired_sessions(p_now timestamptz, p_idle interval) returns integer
  language sql security definer set search_path = pg_catalog as $fn$
  with gone as (
    delete from public.sessions
     where expires_at <= p_now or last_seen_at <= p_now - p_idle
    returning 1
  )
  select count(*)::integer from gone
$fn$;
revoke all on function app.purge_expired_sessions(timestamptz, interval) from public;
grant execute on function app.purge_expired_sessions(timestamptz, interval) to klachtpad_runtime;

-- The runtime role may read and write only its own keys; the owner's purge sees every one.
alter policy idempotency_keys_own_select on idempotency_keys to klachtpad_runtime;
alter policy idempotency_keys_own_insert on idempotency_keys to klachtpad_runtime;
create policy idempotency_keys_old_select_by_owner on idempotency_keys for select to klachtpad_owner
  using (app.current_organisation_id() is null);
create policy idempotency_keys_old_delete_by_owner on idempotency_keys for delete to klachtpad_owner
  using (app.current_organisation_id() is null);
create function app.purge_idempotency_keys(p_before timestamptz) returns integer
  language sql security definer set search_path = pg_catalog as $fn$
  with gone as (delete from public.idempotency_keys where created_at <= p_before returning 1)
  select count(*)::integer from gone
$fn$;
revoke all on function app.purge_idempotency_keys(timestamptz) from public;
grant execute on function app.purge_idempotency_keys(timestamptz) to klachtpad_runtime;
`);
  }
}
