import { Migration } from '@mikro-orm/migrations';

/**
 * Platform operators and onboarding (ADR 0092).
 *
 * - `operators`: the people who run the platform, each with a bearer token of their own, kept as
 *   a SHA-256 only. The runtime role has no privilege on the table; a request (or `pnpm admin`)
 *   presents the token's hash as `app.operator_token_hash`, and `app.current_operator_id()` (a
 *   security definer) names the operator — only while no organisation and no user are in scope,
 *   so operator credentials never combine with a tenant's.
 * - `app.onboard_organisation(...)`: the one thing an operator writes in a tenant: a new care
 *   organisation (name, slug, regime preset, the procedure template it starts from, MFA for staff)
 *   and the invitation of its first director (`invited_by` null). An operator gets no
 *   membership, no organisation scope and no row-level-security bypass: it cannot read a case.
 * - `organisations.regime` / `procedure_template`: what the organisation was set up for; the
 *   director publishes from that template (`startingProcedure`).
 */
export class Migration0092OperatorsAndOnboarding extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table organisations add column regime text
  check (regime is null or regime in ('wkkgz', 'awb9', 'jeugdwet', 'wmo-own'));
alter table organisations add column procedure_template text
  check (procedure_template is null or procedure_template ~ '^[a-z0-9]+(-[a-z0-9]+)*$');

create function app.operator_token_hash() returns text language sql stable as
  $$ select nullif(current_setting('app.operator_token_hash', true), '') $$;

create table operators (
  id uuid primary key,
  name text not null unique check (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null,
  revoked_at timestamptz
);
alter table operators enable row level security;
alter table operators force row level security;
create policy operators_by_owner on operators for all to klachtpad_owner using (true) with check (true);

create function app.current_operator_id() returns uuid
  language sql stable security definer set search_path = pg_catalog as $fn$
  select o.id from public.operators o
   where o.token_hash = app.operator_token_hash() and o.revoked_at is null
     and app.current_organisation_id() is null and app.current_user_id() is null
$fn$;

-- The first director's invitation is the operator's: nobody in the organisation invited them.
create policy invitations_first_director_by_owner on invitations for insert to klachtpad_owner
  with check (invited_by is null and roles = array['director']::text[]);

create function app.onboard_organisation(
  p_organisation uuid, p_slug text, p_name text, p_regime text, p_template text,
  p_mfa_required boolean, p_invitation uuid, p_email text, p_display_name text,
  p_expires_at timestamptz, p_now timestamptz
) returns boolean
  language plpgsql security definer set search_path = pg_catalog as $fn$
begin
  if app.current_operator_id() is null then
    return false;
  end if;
  insert into public.organisations
    (id, slug, name, kind, mfa_required_for_staff, regime, procedure_template, created_at)
  values (p_organisation, p_slug, p_name, 'care', p_mfa_required, p_regime, p_template, p_now);
  insert into public.invitations
    (organisation_id, id, email, display_name, roles, invited_by, expires_at, created_at)
  values (p_organisation, p_invitation, p_email, p_display_name, array['director'], null,
          p_expires_at, p_now);
  return true;
end
$fn$;

revoke all on function app.current_operator_id(),
  app.onboard_organisation(uuid, text, text, text, text, boolean, uuid, text, text, timestamptz, timestamptz)
  from public;
grant execute on function app.current_operator_id(),
  app.onboard_organisation(uuid, text, text, text, text, boolean, uuid, text, text, timestamptz, timestamptz)
  to klachtpad_runtime;
`);
  }
}
