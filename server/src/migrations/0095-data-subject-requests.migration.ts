import { Migration } from '@mikro-orm/migrations';

/**
 * A client's own requests under the AVG (ADR 0095): access and portability (art. 15, 20) and
 * erasure (art. 17). One row per request, kept as the organisation's record of how it answered:
 * when it was received, the day it is due (one month, art. 12(3)), the one extension with its
 * reason and the day the client was told, who answered or decided and why.
 *
 * Nothing of the answer is stored here: the export is composed from the client's own view each
 * time they download it, so no second copy of a dossier outlives its case (ADR 0094).
 *
 * Besides the tenant wall, a restrictive policy: a person in scope reads only their own requests
 * unless they are staff of the organisation; the organisation's own work (no person) reads all.
 * Rows are never deleted by the runtime role.
 */
export class Migration0095DataSubjectRequests extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table data_subject_requests (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  kind text not null check (kind in ('access', 'erasure')),
  requester_id uuid not null,
  -- What the client wrote with the request (what to erase, what they look for); optional.
  note text check (length(note) between 1 and 2000),
  received_at timestamptz not null,
  received_on date not null,
  -- One month from receipt (a weekend day or holiday moves it to the next working day); an
  -- extension moves due_on, first_due_on stays: the extension must be told before it.
  first_due_on date not null,
  due_on date not null check (due_on >= first_due_on),
  extension_months integer check (extension_months between 1 and 2),
  extension_reason text check (length(extension_reason) between 3 and 1000),
  extended_at timestamptz,
  extended_by uuid,
  status text not null check (status in ('open', 'answered', 'granted', 'refused')),
  decided_at timestamptz,
  decided_by uuid,
  decision_reasons text check (length(decision_reasons) between 3 and 2000),
  primary key (organisation_id, id),
  foreign key (organisation_id, requester_id) references memberships (organisation_id, user_id),
  foreign key (organisation_id, extended_by) references memberships (organisation_id, user_id),
  foreign key (organisation_id, decided_by) references memberships (organisation_id, user_id),
  constraint data_subject_requests_extension_whole check (
    (extension_months is null) = (extension_reason is null)
    and (extension_months is null) = (extended_at is null)
    and (extension_months is null) = (extended_by is null)),
  constraint data_subject_requests_decision_whole check (
    (status = 'open') = (decided_at is null)
    and (decided_at is null) = (decided_by is null)),
  -- An erasure request is granted or refused, always with reasons; an access request is answered.
  constraint data_subject_requests_outcome_fits check (
    status = 'open'
    or (kind = 'access' and status = 'answered')
    or (kind = 'erasure' and status in ('granted', 'refused') and decision_reasons is not null))
);
create index data_subject_requests_open_idx on data_subject_requests (organisation_id, due_on)
  where status = 'open';
create index data_subject_requests_requester_idx
  on data_subject_requests (organisation_id, requester_id, received_at desc);
select app.enable_tenant_rls('data_subject_requests');
create policy data_subject_requests_own_select on data_subject_requests as restrictive
  for select to klachtpad_runtime using (
    app.current_user_id() is null
    or requester_id = app.current_user_id()
    or exists (select 1 from memberships m
                where m.organisation_id = data_subject_requests.organisation_id
                  and m.user_id = app.current_user_id() and m.ended_at is null
                  and m.roles && array['handler', 'manager', 'director']::text[]));
create policy data_subject_requests_staff_update on data_subject_requests as restrictive
  for update to klachtpad_runtime using (
    app.current_user_id() is null
    or exists (select 1 from memberships m
                where m.organisation_id = data_subject_requests.organisation_id
                  and m.user_id = app.current_user_id() and m.ended_at is null
                  and m.roles && array['handler', 'manager', 'director']::text[]));
create policy data_subject_requests_own_insert on data_subject_requests as restrictive
  for insert to klachtpad_runtime with check (
    app.current_user_id() is null or requester_id = app.current_user_id());
grant select, insert on data_subject_requests to klachtpad_runtime;
grant update (extension_months, extension_reason, extended_at, extended_by, due_on, status,
  decided_at, decided_by, decision_reasons) on data_subject_requests to klachtpad_runtime;
`);
  }
}
