import { Migration } from '@mikro-orm/migrations';

/**
 * The register counts how each complaint went (issue 8 §5): handled inside the organisation, filed
 * straight with an external commission (the filing entry the client chose refers at once: MO's
 * "rechtstreeks naar de externe klachtencommissie", Jeugdwet's "klacht bij de klachtencommissie"),
 * or referred to one later. Read from the engine state and the procedure version the case runs
 * on; anonymisation keeps both the entry and the referrals (ADR 0094), so a year's counts stay
 * what they were. The view stays `security_invoker`: a reader sees their own organisation only.
 */
export class Migration0100RegisterRoutes extends Migration {
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
         and e ->> 'id' = c.state ->> 'entry' and e ? 'refer') then 'external-direct'
    when jsonb_array_length(coalesce(c.state -> 'referrals', '[]'::jsonb)) > 0 then 'external-later'
    else 'internal'
  end as route
from cases c;
`);
  }
}
