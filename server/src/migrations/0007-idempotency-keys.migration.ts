import { Migration } from '@mikro-orm/migrations';

/**
 * Idempotency keys for retried mutations, and the read-only views the complaints register and the
 * dashboard count from.
 *
 * A key belongs to one user in one organisation; it stores a hash of the request it was first
 * used with and the result that request got, so a retry is answered from here and never applied
 * twice. Besides the tenant policies, a restrictive policy keeps each user to their own keys.
 *
 * The views unfold what the counts group by (the active stages of a case, the parts of its
 * engine state, its lead time) so services aggregate with the query builder instead of loading
 * cases. They run with the invoker's rights (`security_invoker`), so the row-level security of
 * `cases` applies to every query on them exactly as on the table.
 */
export class Migration0007IdempotencyKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table idempotency_keys (
  organisation_id uuid not null references organisations (id),
  user_id uuid not null,
  key text not null check (key ~ '^[A-Za-z0-9._:-]{8,128}$'),
  operation text not null check (length(operation) <= 60),
  -- SHA-256 (hex) of the operation and its input: the same key with another request is refused.
  request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
  result jsonb not null,
  created_at timestamptz not null,
  primary key (organisation_id, user_id, key),
  foreign key (organisation_id, user_id) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('idempotency_keys');
create policy idempotency_keys_own_select on idempotency_keys as restrictive for select
  using (user_id = app.current_user_id());
create policy idempotency_keys_own_insert on idempotency_keys as restrictive for insert
  with check (user_id = app.current_user_id());
-- Written once, read on retries; never changed by the server.
grant select, insert on idempotency_keys to klachtpad_runtime;

-- One row per active stage of a case, with the columns that decide who sees the case, so the
-- viewer's CASL filter applies to it unchanged.
create view case_stage_entries with (security_invoker = true) as
select c.organisation_id, c.id as case_id, c.procedure_version_id, s.stage, c.closed,
  c.client_id, c.handler_ids, c.subject_ids, c.confidant_ids, c.commission_ids
from cases c
cross join lateral unnest(c.stages) as s (stage);

-- The anonymised register: per case its year, category and lead time bucket (received to closed,
-- in calendar days: within 6 weeks, the Wkkgz term; within 10 weeks, the term with its one
-- extension; longer; or still open). No names, ids of people or free text.
create view complaint_register_cases with (security_invoker = true) as
select c.organisation_id, c.id as case_id,
  extract(year from c.received_on)::integer as year,
  c.category,
  case
    when not c.closed then 'open'
    when coalesce((c.state ->> 'closedOn')::date, (c.updated_at at time zone 'Europe/Amsterdam')::date)
      - c.received_on <= 42 then 'within-6-weeks'
    when coalesce((c.state ->> 'closedOn')::date, (c.updated_at at time zone 'Europe/Amsterdam')::date)
      - c.received_on <= 70 then '6-to-10-weeks'
    else 'longer'
  end as lead_time
from cases c;

-- Per complaint part its decided outcome (or 'undecided'), from the engine state.
create view complaint_register_parts with (security_invoker = true) as
select c.organisation_id, c.id as case_id, p.number as part_number,
  extract(year from c.received_on)::integer as year,
  coalesce(p.part ->> 'outcome', 'undecided') as outcome
from cases c
cross join lateral jsonb_array_elements(c.state -> 'parts') with ordinality as p (part, number);

grant select on case_stage_entries, complaint_register_cases, complaint_register_parts
  to klachtpad_runtime;
`);
  }
}
