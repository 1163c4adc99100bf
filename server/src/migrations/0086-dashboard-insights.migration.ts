import { Migration } from '@mikro-orm/migrations';

/**
 * What the management dashboard counts besides the stages (issue 13 item 4, ADR 0086), as
 * views over `cases` with `security_invoker`, so its row-level security applies, and with the
 * case's visibility columns under the entity's names, so the viewer's CASL filter applies
 * unchanged (as `case_stage_entries`, 0007):
 * - `case_receipts`: every case with its month of receipt and category;
 * - `case_closings`: every closed case with its closing date (the engine's `closedOn`), the
 *   days from receipt to closing, and the days its decision term gave it: the due date of the
 *   clock its procedure version marks `purpose: decision`, as the engine moved it for
 *   suspensions and extensions (null without such a clock);
 * - `case_part_closings`: every complaint part of a closed case with its outcome.
 * The months are read after a lower bound on the receipt and the closing date, each served by an
 * index that leads with `organisation_id`. `closedOn` is an ISO date in the state, so it is
 * compared as text (a cast to date is not immutable and cannot be indexed).
 */
export class Migration0086DashboardInsights extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create index cases_received_idx on cases (organisation_id, received_on);
create index cases_closed_on_idx on cases (organisation_id, (state ->> 'closedOn')) where closed;

create view case_receipts with (security_invoker = true) as
select c.organisation_id, c.id as case_id, c.client_id, c.handler_ids, c.subject_ids,
  c.confidant_ids, c.commission_ids,
  c.received_on,
  to_char(c.received_on, 'YYYY-MM') as received_month,
  c.category
from cases c;

create view case_closings with (security_invoker = true) as
select c.organisation_id, c.id as case_id, c.client_id, c.handler_ids, c.subject_ids,
  c.confidant_ids, c.commission_ids,
  c.state ->> 'closedOn' as closed_on,
  left(c.state ->> 'closedOn', 7) as closed_month,
  (c.state ->> 'closedOn')::date - c.received_on as lead_days,
  decision.due::date - c.received_on as term_days,
  (c.state ->> 'closedOn') <= decision.due as within_term
from cases c
left join lateral (
  select min(c.state -> 'clocks' -> (clock ->> 'id') ->> 'due') as due
  from procedure_versions v
  cross join lateral jsonb_array_elements(v.definition -> 'clocks') as clock
  where v.organisation_id = c.organisation_id and v.id = c.procedure_version_id
    and clock ->> 'purpose' = 'decision'
) decision on true
where c.closed and c.state ->> 'closedOn' is not null;

create view case_part_closings with (security_invoker = true) as
select c.organisation_id, c.id as case_id, c.client_id, c.handler_ids, c.subject_ids,
  c.confidant_ids, c.commission_ids,
  p.number as part_number,
  c.state ->> 'closedOn' as closed_on,
  left(c.state ->> 'closedOn', 7) as closed_month,
  coalesce(p.part ->> 'outcome', 'undecided') as outcome
from cases c
cross join lateral jsonb_array_elements(c.state -> 'parts') with ordinality as p (part, number)
where c.closed and c.state ->> 'closedOn' is not null;

grant select on case_receipts, case_closings, case_part_closings to klachtpad_runtime;
`);
  }
}
