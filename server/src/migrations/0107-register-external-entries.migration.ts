import { Migration } from '@mikro-orm/migrations';

/**
 * A complaint filed straight into an external track counts as filed externally, also when that
 * track has no commission of ours to refer to (issue 8 §5, seed 004): the Ondersteuningsteam's
 * privacy complaint taken to the FG of the VNG is recorded without internal handling, so the
 * register must not count it as handled within the organisation. An entry that refers at once
 * (0100) still counts as before. The view stays `security_invoker`.
 */
export class Migration0107RegisterExternalEntries extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create or replace view complaint_register_cases with (security_invoker = true) as
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
  end as lead_time,
  case
    when exists (
      select 1 from procedure_versions v
        cross join lateral jsonb_array_elements(v.definition -> 'filing' -> 'entries') as e
       where v.organisation_id = c.organisation_id and v.id = c.procedure_version_id
         and e ->> 'id' = c.state ->> 'entry'
         and (e ? 'refer' or exists (
           select 1 from jsonb_array_elements(v.definition -> 'tracks') as t
             cross join lateral jsonb_array_elements(t -> 'stages') as s
            where t ->> 'kind' = 'external' and e -> 'enter' ? (s ->> 'id')))) then 'external-direct'
    when jsonb_array_length(coalesce(c.state -> 'referrals', '[]'::jsonb)) > 0 then 'external-later'
    else 'internal'
  end as route
from cases c;
`);
  }
}
