import { Migration } from '@mikro-orm/migrations';

/**
 * Retention and anonymisation (ADR 0094). An organisation keeps a closed case for
 * `retention_months` after closing (24 by default, 12 to 240); then the case is anonymised: its
 * parties are unlinked, its free text, documents, letters and meetings go, and what the register
 * and the stage timings count stays. A director's hold (with a reason) or a referral that still
 * runs keeps it whole.
 *
 * The runtime role may not delete case content, and keeps that: the erasure is one security
 * definer function that works only on a closed case of the organisation in scope that the caller
 * has already marked anonymised, without a hold and without a running referral.
 */
export class Migration0094RetentionAndAnonymisation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table organisations add column retention_months integer not null default 24
  check (retention_months between 12 and 240);
grant update (retention_months) on organisations to klachtpad_runtime;

-- An anonymised case belongs to nobody: its client and the person who filed it are unlinked.
alter table cases alter column client_id drop not null;
alter table cases alter column filed_by_id drop not null;
alter table cases
  add column anonymised_at timestamptz,
  add column retention_hold_reason text check (length(retention_hold_reason) between 1 and 500),
  add column retention_hold_set_at timestamptz,
  add column retention_hold_set_by uuid,
  add constraint cases_retention_hold_whole check (
    (retention_hold_reason is null) = (retention_hold_set_at is null)
    and (retention_hold_reason is null) = (retention_hold_set_by is null)),
  add constraint cases_anonymised_closed check (anonymised_at is null or closed);

-- When each closed case falls due: the closing day (as the register counts it) plus the
-- organisation's retention term. One derivation for the due list and the job.
create view case_retention with (security_invoker = true) as
select c.organisation_id, c.id as case_id, c.reference, c.category,
  coalesce((c.state ->> 'closedOn')::date, (c.updated_at at time zone 'Europe/Amsterdam')::date)
    as closed_on,
  (coalesce((c.state ->> 'closedOn')::date, (c.updated_at at time zone 'Europe/Amsterdam')::date)
    + make_interval(months => o.retention_months))::date as anonymise_on,
  c.retention_hold_reason, c.retention_hold_set_at, c.retention_hold_set_by
from cases c
join organisations o on o.id = c.organisation_id
where c.closed and c.anonymised_at is null;
grant select on case_retention to klachtpad_runtime;

create index cases_awaiting_retention_idx on cases (organisation_id)
  where closed and anonymised_at is null;

-- Erases what identifies people in one case of the organisation in scope. The caller has locked
-- the row, scrubbed the engine state and set anonymised_at in the same transaction; this checks
-- that, and that nothing holds the case, before it deletes anything. Returns false (and changes
-- nothing) otherwise. Timeline rows stay (their sequence numbers are the outbox's order): they
-- keep their type, time, audience and the codes and dates of their payload, nothing else.
create function app.erase_case_content(p_case uuid, p_now timestamptz) returns boolean
  language plpgsql security definer set search_path = pg_catalog as $fn$
declare
  v_org uuid := app.current_organisation_id();
  v_case public.cases%rowtype;
  v_parties uuid[];
begin
  if v_org is null then
    raise exception 'No organisation in scope';
  end if;
  select * into v_case from public.cases
   where organisation_id = v_org and id = p_case for update;
  if not found or not v_case.closed or v_case.anonymised_at is null
     or v_case.retention_hold_reason is not null then
    return false;
  end if;
  if exists (select 1 from public.referrals r
              where r.organisation_id = v_org and r.case_id = p_case
                and r.ended_at is null and r.ends_at > p_now) then
    return false;
  end if;

  v_parties := array_remove(
    array[v_case.client_id, v_case.filed_by_id] || v_case.subject_ids || v_case.confidant_ids
      || coalesce((select array_agg(g.confidant_id) from public.confidant_grants g
                    where g.organisation_id = v_org and g.case_id = p_case), '{}'),
    null);

  delete from public.bundle_proposals where organisation_id = v_org and case_id = p_case;
  delete from public.case_message_documents where organisation_id = v_org and case_id = p_case;
  delete from public.case_messages where organisation_id = v_org and case_id = p_case;
  delete from public.documents where organisation_id = v_org and case_id = p_case;
  delete from public.case_minutes_signatures s
   using public.case_minutes m
   where s.organisation_id = v_org and m.organisation_id = v_org
     and s.minutes_id = m.id and m.case_id = p_case;
  delete from public.case_minutes where organisation_id = v_org and case_id = p_case;
  delete from public.case_meeting_audiences where organisation_id = v_org and case_id = p_case;
  delete from public.case_meetings where organisation_id = v_org and case_id = p_case;
  delete from public.confidant_grants where organisation_id = v_org and case_id = p_case;
  delete from public.notifications where organisation_id = v_org and case_id = p_case;
  update public.case_measure_completions
     set proof = '[geanonimiseerd]',
         visibility = case when visibility = 'subject' then 'internal' else visibility end,
         addressee_id = null
   where organisation_id = v_org and case_id = p_case;
  update public.case_events e
     set payload = coalesce((
           select jsonb_object_agg(key, value) from jsonb_each(e.payload)
            where key in ('type', 'on', 'track', 'stage', 'from', 'clock', 'change', 'due',
                          'action', 'label', 'decision', 'commission', 'entry', 'complainant',
                          'outcome', 'status', 'kind', 'letterKind')
              and jsonb_typeof(value) in ('string', 'number', 'boolean', 'object')
              and not (key = 'label' and jsonb_typeof(value) <> 'object')
              and not (key <> 'label' and jsonb_typeof(value) = 'object')
         ), '{}'::jsonb) || '{"anonymised": true}'::jsonb,
         visibility = case when visibility = 'subject' then 'internal' else visibility end,
         addressee_id = null,
         on_behalf_of_id = null,
         actor_id = case when actor_id = any(v_parties) then null else actor_id end
   where organisation_id = v_org and case_id = p_case;
  update public.cases
     set client_id = null, filed_by_id = null, subject_ids = '{}', confidant_ids = '{}'
   where organisation_id = v_org and id = p_case;
  return true;
end
$fn$;
revoke all on function app.erase_case_content(uuid, timestamptz) from public;
grant execute on function app.erase_case_content(uuid, timestamptz) to klachtpad_runtime;
`);
  }
}
