import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications in the app (ADR 0052): one row per happening and recipient, per organisation.
 * - `source_key` names the happening (a timeline entry, a meeting planned, …); unique with the
 *   recipient, so one happening never notifies, or mails, a person twice.
 * - `batch_id` is the transaction that raised it: one e-mail per recipient and batch.
 * - `payload` holds what the recipient may read (the case reference, stage and clock labels,
 *   dates, the procedure's own message), never the complaint's text.
 * - A person reads and marks only their own: a restrictive policy for the runtime role whenever a
 *   person is in scope; the organisation's own work (no person in scope) writes for everyone.
 */
export class Migration0046Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table notifications (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  user_id uuid not null,
  case_id uuid,
  kind text not null check (kind ~ '^[a-z][a-z-]{1,40}$'),
  payload jsonb not null check (jsonb_typeof(payload) = 'object'),
  source_key text not null check (source_key ~ '^[A-Za-z0-9:._-]{1,200}$'),
  batch_id uuid not null,
  created_at timestamptz not null,
  read_at timestamptz,
  mail_state text not null
    check (mail_state in ('none', 'pending', 'sent', 'suppressed')),
  mailed_at timestamptz,
  primary key (organisation_id, id),
  unique (organisation_id, user_id, source_key),
  foreign key (organisation_id, user_id) references memberships (organisation_id, user_id),
  -- A filing notifies in the transaction that inserts the case.
  foreign key (organisation_id, case_id) references cases (organisation_id, id)
    deferrable initially deferred
);
create index notifications_inbox_idx on notifications (organisation_id, user_id, created_at desc, id desc);
create index notifications_batch_idx on notifications (organisation_id, batch_id, user_id);
select app.enable_tenant_rls('notifications');
create policy notifications_own_select on notifications as restrictive for select to klachtpad_runtime
  using (app.current_user_id() is null or user_id = app.current_user_id());
create policy notifications_own_update on notifications as restrictive for update to klachtpad_runtime
  using (app.current_user_id() is null or user_id = app.current_user_id());
grant select, update (read_at, mail_state, mailed_at) on notifications to klachtpad_runtime;

-- A person's request raises notifications for others, whose rows it may not read back; the
-- duplicate check of "on conflict" needs to read them. This function inserts for the
-- organisation in scope only (the tenant policies still apply to it) and skips a happening a
-- recipient was already told of. It returns how many it added, nothing else.
create function app.insert_notifications(p_rows jsonb) returns integer
  language sql security definer set search_path = pg_catalog as $fn$
  with added as (
    insert into public.notifications
      (organisation_id, id, user_id, case_id, kind, payload, source_key, batch_id, created_at,
       mail_state)
    select r.organisation_id, r.id, r.user_id, r.case_id, r.kind, r.payload, r.source_key,
           r.batch_id, r.created_at, r.mail_state
      from jsonb_to_recordset(p_rows) as r (
        organisation_id uuid, id uuid, user_id uuid, case_id uuid, kind text, payload jsonb,
        source_key text, batch_id uuid, created_at timestamptz, mail_state text)
    on conflict (organisation_id, user_id, source_key) do nothing
    returning 1
  )
  select count(*)::integer from added
$fn$;
revoke all on function app.insert_notifications(jsonb) from public;
grant execute on function app.insert_notifications(jsonb) to klachtpad_runtime;
`);
  }
}
