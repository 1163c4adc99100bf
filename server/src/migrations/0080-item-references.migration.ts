import { Migration } from '@mikro-orm/migrations';

/**
 * Ids that pointed at other rows from an array or a text column are now foreign keys the
 * database checks (ADR 0080, issue 15 item 12), so no row can name a missing item or one of
 * another organisation or case, whatever the server does.
 *
 * - The documents a message carries move from `case_messages.document_ids` (uuid[]) into
 *   `case_message_documents`, one row per document in the order given, with foreign keys to the
 *   message and to a document *of the same case* (organisation, case, id).
 * - A bundle proposal named its item by kind and a text id. It now names it in a typed column per
 *   kind (`event_sequence`, `message_id`, `document_id`), exactly one set, each a foreign key into
 *   the same case; `item_id` stays, generated from them, for the API and the open-proposal index.
 *
 * Moving the data: existing references that point at nothing (or elsewhere) could never be
 * shown and cannot be kept under the new keys; they are dropped. The owner is subject to the
 * tenant policies (forced RLS); the move covers every organisation, so it steps around them for
 * these statements, as migration 0011 does.
 */
export class Migration0080ItemReferences extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
-- Targets for foreign keys that include the case: an item of a case, not just of the organisation.
alter table case_messages add constraint case_messages_case_item_key unique (organisation_id, case_id, id);
alter table documents add constraint documents_case_item_key unique (organisation_id, case_id, id);

create table case_message_documents (
  organisation_id uuid not null references organisations (id),
  case_id uuid not null,
  message_id uuid not null,
  document_id uuid not null,
  position smallint not null check (position between 0 and 49),
  primary key (organisation_id, message_id, document_id),
  unique (organisation_id, message_id, position),
  foreign key (organisation_id, case_id, message_id)
    references case_messages (organisation_id, case_id, id),
  foreign key (organisation_id, case_id, document_id)
    references documents (organisation_id, case_id, id)
);
create index case_message_documents_document_idx
  on case_message_documents (organisation_id, case_id, document_id);
select app.enable_tenant_rls('case_message_documents');
-- Written with the message, never changed, like the message itself.
grant select, insert on case_message_documents to klachtpad_runtime;

alter table case_messages no force row level security;
alter table documents no force row level security;
alter table case_message_documents no force row level security;
insert into case_message_documents (organisation_id, case_id, message_id, document_id, position)
select m.organisation_id, m.case_id, m.id, d.id, (min(listed.position) - 1)::smallint
  from case_messages m
  cross join lateral unnest(m.document_ids) with ordinality as listed (document_id, position)
  join documents d
    on d.organisation_id = m.organisation_id and d.case_id = m.case_id and d.id = listed.document_id
 group by m.organisation_id, m.case_id, m.id, d.id;
alter table case_messages drop column document_ids;

alter table bundle_proposals
  add column event_sequence integer,
  add column message_id uuid,
  add column document_id uuid;
alter table bundle_proposals no force row level security;
alter table case_events no force row level security;
update bundle_proposals p set event_sequence = p.item_id::integer
 where p.item_kind = 'event' and p.item_id ~ '^[1-9][0-9]{0,8}$'
   and exists (select 1 from case_events e where e.organisation_id = p.organisation_id
                 and e.case_id = p.case_id and e.sequence = p.item_id::integer);
update bundle_proposals p set message_id = p.item_id::uuid
 where p.item_kind = 'message'
   and exists (select 1 from case_messages m where m.organisation_id = p.organisation_id
                 and m.case_id = p.case_id and m.id::text = lower(p.item_id));
update bundle_proposals p set document_id = p.item_id::uuid
 where p.item_kind = 'document'
   and exists (select 1 from documents d where d.organisation_id = p.organisation_id
                 and d.case_id = p.case_id and d.id::text = lower(p.item_id));
delete from bundle_proposals
 where event_sequence is null and message_id is null and document_id is null;
drop index bundle_proposals_open_key;
alter table bundle_proposals drop column item_id;
alter table bundle_proposals
  add column item_id text generated always as
    (coalesce(event_sequence::text, message_id::text, document_id::text)) stored,
  add constraint bundle_proposals_item_check check (
    item_kind in ('event', 'message', 'document')
    and (item_kind = 'event') = (event_sequence is not null)
    and (item_kind = 'message') = (message_id is not null)
    and (item_kind = 'document') = (document_id is not null)
  ),
  add constraint bundle_proposals_event_fkey foreign key (organisation_id, case_id, event_sequence)
    references case_events (organisation_id, case_id, sequence),
  add constraint bundle_proposals_message_fkey foreign key (organisation_id, case_id, message_id)
    references case_messages (organisation_id, case_id, id),
  add constraint bundle_proposals_document_fkey foreign key (organisation_id, case_id, document_id)
    references documents (organisation_id, case_id, id);
create unique index bundle_proposals_open_key on bundle_proposals (organisation_id, case_id, item_kind, item_id)
  where status = 'proposed';

alter table case_messages force row level security;
alter table documents force row level security;
alter table case_message_documents force row level security;
alter table bundle_proposals force row level security;
alter table case_events force row level security;
`);
  }
}
