import { Migration } from '@mikro-orm/migrations';
import { perOrganisationSql } from './per-organisation.js';

/**
 * Issue 8 §2, seed 003 (ADR 0098): once the bestuur has a complaint, a directie apart from its
 * bestuur reads the case and writes nothing on it, one CASL rule for every write.
 *
 * `cases.with_bestuur` is what that rule reads, derived on every transition (`derivedColumns`):
 * a directie's stage active means the directie has the complaint, else a bestuur's stage the
 * bestuur; with no director's stage active it stays as it was. The backfill asks the same of the
 * state each case is in and, where no director's stage is active, of the director's stage it last
 * entered (its timeline), per organisation (`perOrganisationSql`).
 *
 * `app.live_socket_standing` (0079) fingerprints a director's position too: it decides what they
 * may do, so a live socket's kept ability must be rebuilt when it changes, not at reconnect.
 */

/** The position of the director's stage `stage` of the version `v`, or null. */
const stagePosition = (stage: string, override = 'null::jsonb') => `(
  select coalesce(${override}, s -> 'responsible') ->> 'position'
    from jsonb_array_elements(v.definition -> 'tracks') as t
    cross join lateral jsonb_array_elements(t -> 'stages') as s
   where s ->> 'id' = ${stage}
     and coalesce(${override}, s -> 'responsible') ->> 'role' = 'director'
   limit 1)`;

/** The backfill, for the organisations the query names (every one, in the migration). */
export const withBestuurBackfillSql = (organisations?: string) =>
  perOrganisationSql(
    `    update cases c
       set with_bestuur = true
     where c.organisation_id = org
       and coalesce(
         (select case
                   when 'directie' = any (array_agg(active.position)) then false
                   when 'bestuur' = any (array_agg(active.position)) then true
                 end
            from (
              select ${stagePosition("track.value ->> 'stage'", "track.value -> 'responsible'")}
                       as position
                from procedure_versions v
                cross join lateral jsonb_each(c.state -> 'tracks') as track
               where v.organisation_id = c.organisation_id and v.id = c.procedure_version_id
                 and track.value ->> 'status' = 'active'
            ) as active),
         (select entered.position = 'bestuur'
            from (
              select e.sequence, ${stagePosition("e.payload ->> 'stage'")} as position
                from case_events e
                join procedure_versions v
                  on v.organisation_id = c.organisation_id and v.id = c.procedure_version_id
               where e.organisation_id = c.organisation_id and e.case_id = c.id
                 and e.type = 'stage-entered'
            ) as entered
           where entered.position is not null
           order by entered.sequence desc
           limit 1),
         false);`,
    organisations,
  );

export class Migration0108DirectieReadsOnly extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table cases add column with_bestuur boolean not null default false;`);
    this.addSql(withBestuurBackfillSql());
    this.addSql(`
create or replace function app.live_socket_standing(p_token_hashes text[], p_slugs text[], p_now timestamptz)
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
               and 'commission' = any (m.roles)),
           'position=' || coalesce(m.position, '')
         )) end
    from unnest(p_token_hashes, p_slugs) with ordinality as q (token_hash, slug, ord)
    left join public.sessions s on s.token_hash = q.token_hash and app.current_user_id() is null
    left join public.organisations o
      on o.slug = q.slug and o.id = app.current_organisation_id()
    left join public.memberships m
      on m.organisation_id = o.id and m.user_id = s.user_id and m.ended_at is null
   order by q.ord
$fn$;
`);
  }
}
