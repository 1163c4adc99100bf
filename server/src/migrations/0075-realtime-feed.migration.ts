import { Migration } from '@mikro-orm/migrations';

/**
 * The live feed (ADR 0075). `case_events` and `notifications` are already written in the
 * transaction of the change they record, so they are the outbox; this gives them what a reader in
 * another process needs:
 * - `txid`, the writing transaction's id: the feed's order is (txid, id), read only below the
 *   oldest transaction still running, so a row that took its id early and committed late is never
 *   skipped (ids are not commit order), and a rolled-back transaction's rows never appear;
 * - a statement trigger that NOTIFYs `klachtpad_realtime` with no content (PostgreSQL delivers it
 *   at commit, and never for a rollback);
 * - `app.realtime_feed`, a security definer for the listener that serves every organisation: it
 *   returns ids and addresses only (which organisation, case and recipient), never content; each
 *   subscriber then reads the item itself, under its own scope and ability.
 */
export class Migration0075RealtimeFeed extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table case_events add column txid xid8 not null default pg_current_xact_id();
alter table notifications add column txid xid8 not null default pg_current_xact_id();
create index case_events_feed_idx on case_events (txid, id);
create index case_events_case_feed_idx on case_events (organisation_id, case_id, txid, id);
create index notifications_feed_idx on notifications (txid);

create function app.realtime_wake() returns trigger
  language plpgsql set search_path = pg_catalog as $fn$
begin
  perform pg_notify('klachtpad_realtime', '');
  return null;
end
$fn$;
create trigger case_events_realtime_wake after insert on case_events
  for each statement execute function app.realtime_wake();
create trigger notifications_realtime_wake after insert on notifications
  for each statement execute function app.realtime_wake();

-- The owner reads the feed's addresses only with nothing in scope (as the job queue's purges do).
create policy case_events_feed_by_owner on case_events for select to klachtpad_owner
  using (app.current_organisation_id() is null and app.current_user_id() is null);
create policy notifications_feed_by_owner on notifications for select to klachtpad_owner
  using (app.current_organisation_id() is null and app.current_user_id() is null);

-- The feed's horizon: every transaction below it has finished, committed or not.
create function app.realtime_horizon() returns text
  language sql stable set search_path = pg_catalog as $fn$
  select pg_snapshot_xmin(pg_current_snapshot())::text
$fn$;

-- Rows written by transactions in [p_from, p_to), in feed order; p_to must be a horizon.
create function app.realtime_feed(p_from xid8, p_to xid8)
  returns table (stream text, organisation_id uuid, case_id uuid, user_id uuid, item_id text,
                 txid text, seq bigint)
  language sql stable security definer set search_path = pg_catalog as $fn$
  select * from (
    select 'case'::text, e.organisation_id, e.case_id, null::uuid, e.id::text, e.txid::text, e.id
      from public.case_events e
     where e.txid >= p_from and e.txid < p_to
    union all
    select 'notification'::text, n.organisation_id, n.case_id, n.user_id, n.id::text,
           n.txid::text, 0::bigint
      from public.notifications n
     where n.txid >= p_from and n.txid < p_to
  ) feed (stream, organisation_id, case_id, user_id, item_id, txid, seq)
  order by feed.txid::xid8, feed.stream, feed.seq
$fn$;
revoke all on function app.realtime_feed(xid8, xid8) from public;
grant execute on function app.realtime_feed(xid8, xid8) to klachtpad_runtime;
grant execute on function app.realtime_horizon() to klachtpad_runtime;
`);
  }
}
