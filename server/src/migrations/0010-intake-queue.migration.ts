import { Migration } from '@mikro-orm/migrations';

/**
 * The handlers' intake queue: an organisation may let every handler see cases no handler is
 * assigned to yet (off by default; the director turns it on). And messages name the documents of
 * their case they carry (ids only; the documents keep their own audience).
 */
export class Migration0010IntakeQueue extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table organisations add column handler_intake_queue boolean not null default false;
grant update (handler_intake_queue) on organisations to klachtpad_runtime;
alter table case_messages add column document_ids uuid[] not null default '{}';
`);
  }
}
