import { Migration } from '@mikro-orm/migrations';

/**
 * The operator's security log (ADR 0068) read for one organisation: the log holds every
 * organisation's refusals newest first, at most 1,000 a read, so one organisation's lines from
 * an hour ago were out of reach whenever the platform as a whole refused more than that since.
 */
export class Migration0109SecurityLogByOrganisation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
drop function app.security_log(timestamptz, text, integer);
create function app.security_log(p_since timestamptz, p_kind text, p_limit integer,
    p_organisation_id uuid)
  returns setof public.security_events
  language sql stable security definer set search_path = pg_catalog as $fn$
  select e.* from public.security_events e
   where app.current_operator_id() is not null
     and e.occurred_at >= p_since
     and (p_kind is null or e.kind = p_kind)
     and (p_organisation_id is null or e.organisation_id = p_organisation_id)
   order by e.occurred_at desc, e.id
   limit greatest(1, least(p_limit, 1000))
$fn$;
revoke all on function app.security_log(timestamptz, text, integer, uuid) from public;
grant execute on function app.security_log(timestamptz, text, integer, uuid) to klachtpad_runtime;
`);
  }
}
