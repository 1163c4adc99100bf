import { Migration } from '@mikro-orm/migrations';

/**
 * One audience model for every content item of a case (timeline events now; messages,
 * documents, minutes and letters use the same three columns): `visibility` (shared, internal, or
 * addressed to one subject), `bundled` (part of what a referred commission sees) and
 * `addressee_id`. Events keep these columns so a live update can be re-authorised on delivery.
 */
export class Migration0003ItemAudience extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table case_events drop constraint case_events_visibility_check;
alter table case_events
  add constraint case_events_visibility_check check (visibility in ('shared', 'internal', 'subject')),
  add column bundled boolean not null default false,
  add column addressee_id uuid,
  add constraint case_events_addressee_fk foreign key (organisation_id, addressee_id)
    references memberships (organisation_id, user_id),
  add constraint case_events_addressee_check check ((visibility = 'subject') = (addressee_id is not null));
`);
  }
}
