import { Migration } from '@mikro-orm/migrations';

/**
 * A client's written consent to a further extension, as a document of the case (ADR 0099). Staff
 * mark an upload (the client's own, or the signed paper staff scanned) as the consent to the one
 * extension that waits for it; the engine then reads it as a fact (`CaseFacts.consents`), never a
 * typed claim. The consent is dated by the record: the day the document reached the case. A
 * marking is final, as a signature is: it is never moved to another extension or taken back, so
 * the history entry that relied on it keeps being true.
 *
 * An extension letter now says which extension it announces (`letter_extension`), so the notice of
 * one extension, sent on the day the next was recorded, is not taken for the next one's notice.
 * Letters written before keep null and count as before.
 */
export class Migration0105ConsentDocuments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table documents
  add column letter_extension text check (length(letter_extension) between 1 and 200),
  add constraint documents_letter_extension check (letter_extension is null or letter_kind = 'extension'),
  add column consent_extension text check (length(consent_extension) between 1 and 200),
  add column consent_clock text check (length(consent_clock) between 1 and 200),
  add column consent_given_on date,
  add column consent_marked_by_id uuid,
  add column consent_marked_at timestamptz,
  add constraint documents_consent_whole check (
    (consent_extension is null) = (consent_clock is null)
    and (consent_extension is null) = (consent_given_on is null)
    and (consent_extension is null) = (consent_marked_by_id is null)
    and (consent_extension is null) = (consent_marked_at is null)
  ),
  add constraint documents_consent_is_an_upload check (consent_extension is null or kind = 'upload');

create function app.documents_consent_is_final() returns trigger
  language plpgsql set search_path = pg_catalog as $fn$
begin
  if old.consent_extension is not null and (
       new.consent_extension is distinct from old.consent_extension
       or new.consent_clock is distinct from old.consent_clock
       or new.consent_given_on is distinct from old.consent_given_on
       or new.consent_marked_by_id is distinct from old.consent_marked_by_id
       or new.consent_marked_at is distinct from old.consent_marked_at) then
    raise exception 'a consent document''s marking is final'
      using errcode = 'check_violation';
  end if;
  return new;
end
$fn$;
create trigger documents_consent_is_final
  before update of consent_extension, consent_clock, consent_given_on, consent_marked_by_id,
    consent_marked_at on documents
  for each row execute function app.documents_consent_is_final();

grant update (consent_extension, consent_clock, consent_given_on, consent_marked_by_id,
  consent_marked_at) on documents to klachtpad_runtime;
`);
  }
}
