import { Migration } from '@mikro-orm/migrations';

/**
 * A letter says whom it goes to (ADR 0081): the client, or one person complained about (the
 * notice of an extension that Awb 9:11 lid 2 requires for them too). A draft names its recipient
 * from the start; sending a letter to a subject addresses it to them (visibility `subject`), so
 * the server may now set `addressee_id` when it sends. Letters drafted before this went to the
 * client.
 */
export class Migration0081LetterRecipients extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table documents
  add column letter_to text check (letter_to in ('client', 'subject')),
  add column letter_to_id uuid,
  add constraint documents_letter_to_fkey foreign key (organisation_id, letter_to_id)
    references memberships (organisation_id, user_id),
  add constraint documents_letter_recipient_check check (
    (kind = 'letter') = (letter_to is not null)
    and (letter_to_id is not null) = (letter_to is not distinct from 'subject')
  );
alter table documents no force row level security;
update documents set letter_to = 'client' where kind = 'letter';
alter table documents force row level security;
grant update (addressee_id) on documents to klachtpad_runtime;
`);
  }
}
