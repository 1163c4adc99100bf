import { Migration } from '@mikro-orm/migrations';

/**
 * The standing of every socket a live batch pushes to, in one statement (ADR 0079).
 *
 * A `caseUpdated` push used to open a request context per subscriber: session, organisation,
 * membership and the relationships of their roles, read anew for every socket and change. The
 * feed now checks the sockets of a batch together, and RLS shows a transaction only the sessions
 * of its own user (or of the one token in scope), so the read is a security definer:
 * `app.live_socket_standing` takes the session token hashes the process holds (a caller learns
 * nothing of a session whose token it does not have) with the organisation slug each socket was
 * opened for, and answers, per socket, the session row's liveness fields, the organisation's
 * MFA rule and the current membership's roles in the organisation in scope. The rules applied to
 * them are the ones `resolveSession` and `enterOrganisation` apply (auth.service.ts), in
 * TypeScript, shared: this function reads, it decides nothing.
 *
 * `relations` fingerprints what an ability is built from besides the roles (the organisation's
 * intake-queue setting, the person's live confidant grants there, the organisation's running
 * referrals with whether their term has passed at `p_now`): the process keeps each socket's
 * ability and rebuilds it when this changes. Commission memberships live in the commission's own
 * organisation, outside the scope; losing one ends the person's sessions (ADR 0090), which this
 * function reports.
 *
 * It runs as the owner with the caller's organisation in scope and no user (the batch's
 * transaction): the tenant policies then show the owner that organisation's memberships, grants
 * and referrals, and `sessions_expired_select_by_owner` the sessions, which it narrows to the
 * token hashes given.
 */
export class Migration0079LiveSocketStanding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create function app.live_socket_standing(p_token_hashes text[], p_slugs text[], p_now timestamptz)
  returns table (ord integer, user_id uuid, session_id uuid, revoked_at timestamptz,
                 expires_at timestamptz, last_seen_at timestamptz, mfa_required boolean,
                 mfa_verified_at timestamptz, organisation_id uuid, slug text,
                 mfa_required_for_staff boolean, roles text[], relations text)
  language sql stable security definer set search_path = pg_catalog as $fn$
  select q.ord::integer, s.user_id, s.id, s.revoked_at, s.expires_at, s.last_seen_at,
         s.mfa_required, s.mfa_verified_at, o.id, o.slug, o.mfa_required_for_staff, m.roles,
         case when m.user_id is not null then md5(concat_ws('|',
           o.handler_intake_queue::text,
           (select string_agg(g.id::text || '=' || array_to_string(g.scopes, ','), ';' order by g.id)
              from public.confidant_grants g
             where g.organisation_id = o.id and g.confidant_id = s.user_id
               and g.revoked_at is null),
           (select string_agg(r.id::text || '=' || (r.ends_at > p_now)::text, ';' order by r.id)
              from public.referrals r
             where r.organisation_id = o.id and r.ended_at is null
               and 'commission' = any (m.roles))
         )) end
    from unnest(p_token_hashes, p_slugs) with ordinality as q (token_hash, slug, ord)
    left join public.sessions s on s.token_hash = q.token_hash and app.current_user_id() is null
    left join public.organisations o
      on o.slug = q.slug and o.id = app.current_organisation_id()
    left join public.memberships m
      on m.organisation_id = o.id and m.user_id = s.user_id and m.ended_at is null
   order by q.ord
$fn$;
revoke all on function app.live_socket_standing(text[], text[], timestamptz) from public;
grant execute on function app.live_socket_standing(text[], text[], timestamptz)
  to klachtpad_runtime;
`);
  }
}
