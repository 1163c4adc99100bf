import { Migration } from '@mikro-orm/migrations';

/**
 * Documents of a case: uploads and generated letters. The bytes live in PostgreSQL by default
 * (`content`, stored out of line and uncompressed: PDFs and images are compressed already); the
 * `storage` column names where they are, so object storage can be added without moving rows.
 * Documents carry the same audience columns as every case item (ADR 0007).
 */
export class Migration0008Documents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table documents (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  kind text not null check (kind in ('upload', 'letter')),
  letter_kind text check (letter_kind in ('outcome', 'extension', 'decision')),
  name text not null check (length(name) between 1 and 200),
  media_type text not null check (media_type in (
    'application/pdf', 'image/png', 'image/jpeg', 'text/plain',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  )),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage text not null check (storage in ('postgres')),
  content bytea,
  visibility text not null check (visibility in ('shared', 'internal', 'subject')),
  bundled boolean not null default false,
  addressee_id uuid,
  -- A commission member is not a member of the care organisation: no foreign key, as for
  -- case_events.actor_id.
  created_by_id uuid not null,
  sent_at timestamptz,
  created_at timestamptz not null,
  primary key (organisation_id, id),
  foreign key (organisation_id, case_id) references cases (organisation_id, id),
  foreign key (organisation_id, addressee_id) references memberships (organisation_id, user_id),
  check ((visibility = 'subject') = (addressee_id is not null)),
  check ((storage = 'postgres') = (content is not null)),
  check (content is null or octet_length(content) = size_bytes),
  check ((kind = 'letter') = (letter_kind is not null)),
  check (sent_at is null or kind = 'letter')
);
alter table documents alter column content set storage external;
select app.enable_tenant_rls('documents');
create index documents_case_idx on documents (organisation_id, case_id, created_at);

-- Documents are never edited or deleted by the server; a letter draft is only ever sent.
grant select, insert on documents to klachtpad_runtime;
grant update (visibility, sent_at) on documents to klachtpad_runtime;
`);
  }
}
