import { Migration } from '@mikro-orm/migrations';
import { perOrganisationSql } from './per-organisation.js';

/**
 * `cases.next_due_on` now also holds the due date of a decision term that ran out unanswered
 * (`attentionDate`, issue 8 §5): such a case is overdue until someone decides, while before the
 * column forgot the term once it expired. New changes write it; this brings the open cases
 * written before up to date, per organisation (`perOrganisationSql`).
 */
/** The backfill, for the organisations the query names (every one, in the migration). */
export const overdueBackfillSql = (organisations?: string) =>
  perOrganisationSql(
    `    update cases c
       set next_due_on = least(c.next_due_on, overdue.due)
      from (
        select k.id, min((clock.value ->> 'due')::date) as due
          from cases k
          join procedure_versions v
            on v.organisation_id = k.organisation_id and v.id = k.procedure_version_id
          cross join lateral jsonb_each(k.state -> 'clocks') as clock
         where k.organisation_id = org
           and not k.closed
           and clock.value ->> 'status' = 'expired'
           and not (clock.value ? 'answeredOn')
           and exists (
             select 1 from jsonb_array_elements(v.definition -> 'clocks') as d
              where d ->> 'id' = clock.key and d ->> 'purpose' = 'decision')
         group by k.id
      ) as overdue
     where c.organisation_id = org and c.id = overdue.id;`,
    organisations,
  );

export class Migration0099OverdueAfterExpiry extends Migration {
  override async up(): Promise<void> {
    this.addSql(overdueBackfillSql());
  }
}
