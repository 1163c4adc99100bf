import { Migration } from '@mikro-orm/migrations';

/**
 * The access log's hash chain moves off the request path (ADR 0021). A request inserts its lines
 * unsealed, without any lock; a sealer chains them shortly after, in the order it finds them, by
 * setting the seal columns exactly once:
 * - `chain_position` numbers the organisation's chain 1, 2, 3, … without gaps (a removed line
 *   shows as a gap), unique so two sealers can never fork it;
 * - `previous_hash` and `hash` as before; `sealed_at` when it was sealed.
 * Lines written before this migration were chained in id order when they were inserted, so their
 * position is their rank by id and their hashes stay valid.
 *
 * A trigger keeps the table append-only for everyone, the owner included: a line comes in
 * unsealed, its content never changes, and its seal is set once and never again.
 */
export class Migration0011AccessLogSealing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table access_log
  alter column hash drop not null,
  add column chain_position bigint,
  add column sealed_at timestamptz;

-- The owner is subject to the tenant policies too (forced RLS); the backfill covers every
-- organisation, so it steps around them for this one statement.
alter table access_log no force row level security;
update access_log l
   set chain_position = ranked.position, sealed_at = l.occurred_at
  from (
    select organisation_id, id, row_number() over (partition by organisation_id order by id) as position
      from access_log
  ) ranked
 where ranked.organisation_id = l.organisation_id and ranked.id = l.id;
alter table access_log force row level security;

alter table access_log
  add constraint access_log_seal_whole check (
    (chain_position is null and hash is null and previous_hash is null and sealed_at is null)
    or (chain_position > 0 and hash is not null and sealed_at is not null
        and (previous_hash is not null or chain_position = 1))
  ),
  add constraint access_log_chain_position_key unique (organisation_id, chain_position);
-- What the sealer looks for: stays as small as the backlog.
create index access_log_unsealed_idx on access_log (organisation_id, id) where hash is null;

create function app.access_log_append_only() returns trigger language plpgsql as $fn$
declare
  seal constant text[] := array['chain_position', 'previous_hash', 'hash', 'sealed_at'];
begin
  if tg_op = 'INSERT' then
    if new.chain_position is not null or new.hash is not null then
      raise exception 'access-log lines come in unsealed; the sealer chains them'
        using errcode = 'check_violation';
    end if;
    return new;
  end if;
  if old.hash is not null then
    raise exception 'access-log line % is sealed and cannot change', old.id
      using errcode = 'insufficient_privilege';
  end if;
  if (to_jsonb(new) - seal) is distinct from (to_jsonb(old) - seal) then
    raise exception 'only the seal of an access-log line can be set'
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$fn$;
create trigger access_log_append_only before insert or update on access_log
  for each row execute function app.access_log_append_only();

-- Which organisations have lines waiting for their seal: ids only, across organisations, so one
-- sealer can serve all of them. For this (and only this) the owner may see unsealed lines while
-- no organisation is in scope; within a scope it sees that organisation's lines, as before.
create policy access_log_unsealed_by_owner on access_log for select to klachtpad_owner
  using (hash is null and app.current_organisation_id() is null);
create function app.unsealed_access_log_organisations() returns setof uuid
  language sql stable security definer set search_path = pg_catalog as
  $$ select distinct organisation_id from public.access_log where hash is null $$;
revoke all on function app.unsealed_access_log_organisations() from public;
grant execute on function app.unsealed_access_log_organisations() to klachtpad_runtime;

grant update (chain_position, previous_hash, hash, sealed_at) on access_log to klachtpad_runtime;
`);
  }
}
