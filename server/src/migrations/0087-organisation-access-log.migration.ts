import { Migration } from '@mikro-orm/migrations';

/**
 * The organisation's access log for its directors (issue 13 item 6, issue 8 §8, ADR 0087):
 * - `actor_organisation_id`: the organisation a person acted from when it is not the log's own,
 *   i.e. the commission organisation of a commission member reading a referred case. Recorded
 *   with the line (NEN 7513 asks for the organisation at the moment of access, which a later
 *   membership change must not rewrite) and covered by the line's hash when set, so lines sealed
 *   before it keep their hashes (access-log-chain.ts). The append-only trigger of 0011 already
 *   compares every column but the seal, so the new one cannot change after insert either.
 * - indexes for the log's filters, each leading with `organisation_id` (ADR 0071) and ending in
 *   the log's order, newest first: the whole period, and one person's lines. One case's lines
 *   use `access_log_case_idx` (0002); a case has few enough lines to sort them.
 * - the cases a person is the subject of (`btree_gin`, 0085), which a director's log leaves out:
 *   a subject is recused from their case, its access log included.
 */
export class Migration0087OrganisationAccessLog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table access_log add column actor_organisation_id uuid references organisations (id);

create index access_log_recent_idx on access_log (organisation_id, occurred_at desc, id desc);
create index access_log_actor_idx
  on access_log (organisation_id, user_id, occurred_at desc, id desc);
create index cases_subjects_idx on cases using gin (organisation_id, subject_ids);
`);
  }
}
