import { Migration } from '@mikro-orm/migrations';

/**
 * Working a case: messages, meetings and hearings with their participants and attendance, minutes
 * signed by everyone present, and the completion of measures the procedure recorded. Every table
 * is a tenant table (organisation first in keys, RLS forced) and every item carries the audience
 * columns of ADR 0007. A meeting can have several audiences (the client side and each subject
 * taking part), so its audience rows live in their own table (ADR 0014).
 */
export class Migration0006Casework extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table case_messages (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  author_id uuid not null,
  -- A confidant writes on behalf of the client.
  on_behalf_of_id uuid,
  body text not null check (length(body) between 1 and 10000),
  visibility text not null check (visibility in ('shared', 'internal', 'subject')),
  bundled boolean not null default false,
  addressee_id uuid,
  posted_at timestamptz not null,
  primary key (organisation_id, id),
  foreign key (organisation_id, case_id) references cases (organisation_id, id),
  foreign key (organisation_id, author_id) references memberships (organisation_id, user_id),
  foreign key (organisation_id, on_behalf_of_id) references memberships (organisation_id, user_id),
  foreign key (organisation_id, addressee_id) references memberships (organisation_id, user_id),
  check ((visibility = 'subject') = (addressee_id is not null))
);
select app.enable_tenant_rls('case_messages');
create index case_messages_case_idx on case_messages (organisation_id, case_id, posted_at, id);

create table case_meetings (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  kind text not null check (kind in ('meeting', 'hearing')),
  starts_at timestamptz not null,
  location text check (length(location) <= 200),
  participant_ids uuid[] not null check (cardinality(participant_ids) between 1 and 30),
  -- Null until attendance is recorded; who was present signs the minutes.
  present_ids uuid[] check (present_ids <@ participant_ids),
  attendance_recorded_at timestamptz,
  scheduled_by_id uuid not null,
  scheduled_at timestamptz not null,
  primary key (organisation_id, id),
  unique (organisation_id, id, case_id),
  check ((present_ids is null) = (attendance_recorded_at is null)),
  foreign key (organisation_id, case_id) references cases (organisation_id, id),
  foreign key (organisation_id, scheduled_by_id) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('case_meetings');
create index case_meetings_case_idx on case_meetings (organisation_id, case_id, starts_at);

create table case_meeting_audiences (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  meeting_id uuid not null,
  visibility text not null check (visibility in ('shared', 'internal', 'subject')),
  bundled boolean not null default false,
  addressee_id uuid,
  primary key (organisation_id, id),
  unique nulls not distinct (organisation_id, meeting_id, visibility, addressee_id),
  foreign key (organisation_id, meeting_id, case_id)
    references case_meetings (organisation_id, id, case_id),
  foreign key (organisation_id, addressee_id) references memberships (organisation_id, user_id),
  check ((visibility = 'subject') = (addressee_id is not null))
);
select app.enable_tenant_rls('case_meeting_audiences');
create index case_meeting_audiences_case_idx on case_meeting_audiences (organisation_id, case_id);

create table case_minutes (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  meeting_id uuid not null,
  text text not null check (length(text) between 1 and 50000),
  recorded_by_id uuid not null,
  recorded_at timestamptz not null,
  revised_at timestamptz,
  -- Set when the last person present signs; the text never changes after the first signature.
  final_at timestamptz,
  primary key (organisation_id, id),
  unique (organisation_id, meeting_id),
  foreign key (organisation_id, meeting_id, case_id)
    references case_meetings (organisation_id, id, case_id),
  foreign key (organisation_id, recorded_by_id) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('case_minutes');

create table case_minutes_signatures (
  organisation_id uuid not null references organisations (id),
  minutes_id uuid not null,
  signer_id uuid not null,
  dissent text check (length(dissent) between 1 and 5000),
  signed_at timestamptz not null,
  primary key (organisation_id, minutes_id, signer_id),
  foreign key (organisation_id, minutes_id) references case_minutes (organisation_id, id),
  foreign key (organisation_id, signer_id) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('case_minutes_signatures');

create table case_measure_completions (
  organisation_id uuid not null references organisations (id),
  case_id uuid not null,
  -- The engine's measure id within the case state (m1, m2, ...).
  measure_id text not null check (measure_id ~ '^m[0-9]{1,4}$'),
  proof text not null check (length(proof) between 1 and 5000),
  completed_by_id uuid not null,
  completed_on date not null,
  completed_at timestamptz not null,
  visibility text not null check (visibility in ('shared', 'internal', 'subject')),
  bundled boolean not null default false,
  addressee_id uuid,
  primary key (organisation_id, case_id, measure_id),
  foreign key (organisation_id, case_id) references cases (organisation_id, id),
  foreign key (organisation_id, completed_by_id) references memberships (organisation_id, user_id),
  foreign key (organisation_id, addressee_id) references memberships (organisation_id, user_id),
  check ((visibility = 'subject') = (addressee_id is not null))
);
select app.enable_tenant_rls('case_measure_completions');

-- Messages, audiences, signatures and completions are append-only for the server.
grant select, insert on case_messages to klachtpad_runtime;
grant select, insert, update (present_ids, attendance_recorded_at) on case_meetings to klachtpad_runtime;
grant select, insert on case_meeting_audiences to klachtpad_runtime;
grant select, insert, update (text, revised_at, final_at) on case_minutes to klachtpad_runtime;
grant select, insert on case_minutes_signatures to klachtpad_runtime;
grant select, insert on case_measure_completions to klachtpad_runtime;
`);
  }
}
