import { Migration } from '@mikro-orm/migrations';

/**
 * Confidant grants of two kinds in one table (ADR 0008):
 * - a **case grant** (`case_id` set): what a confidant may do on one case; `cases.confidant_ids`
 *   lists exactly the confidants with a live one;
 * - a **standing authorisation** (`case_id` null): the client's permission for a confidant to
 *   file new complaints on their behalf; each case filed that way gets a case grant of its own.
 * Both name the client, so a standing authorisation has an owner without a case. Every grant
 * includes `view`: the other scopes act on a case one must be able to see.
 */
export class Migration0004ConfidantGrants extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table confidant_grants
  alter column case_id drop not null,
  add column client_id uuid;
update confidant_grants g set client_id = c.client_id
  from cases c where c.organisation_id = g.organisation_id and c.id = g.case_id;
alter table confidant_grants
  alter column client_id set not null,
  add constraint confidant_grants_client_fk foreign key (organisation_id, client_id)
    references memberships (organisation_id, user_id),
  add constraint confidant_grants_not_self_check check (confidant_id <> client_id),
  add constraint confidant_grants_view_check check ('view' = any (scopes)),
  add constraint confidant_grants_revoked_check check (revoked_at is null or revoked_at >= granted_at);

-- At most one live grant per confidant and case, and one live standing authorisation per
-- confidant and client; history rows (revoked) are unlimited.
drop index confidant_grants_live_key;
create unique index confidant_grants_live_case_key on confidant_grants (organisation_id, case_id, confidant_id)
  where revoked_at is null and case_id is not null;
create unique index confidant_grants_live_standing_key on confidant_grants (organisation_id, client_id, confidant_id)
  where revoked_at is null and case_id is null;
-- A case's grant history; the authorisations a client gave or a confidant holds.
create index confidant_grants_case_idx on confidant_grants (organisation_id, case_id, granted_at)
  where case_id is not null;
create index confidant_grants_standing_confidant_idx on confidant_grants (organisation_id, confidant_id)
  where case_id is null;
`);
  }
}
