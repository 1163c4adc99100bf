/**
 * A data migration's statements run once per organisation, each in that organisation's scope
 * (`app.organisation_id`), as every tenant write does: every tenant table forces row-level
 * security, so an unscoped update would see no rows. `body` names the organisation `org`. The
 * organisations are every one in a migration; a spec names the one it arranged.
 */
export const perOrganisationSql = (
  body: string,
  organisations = 'select id from organisations',
) => `
do $$
declare
  org uuid;
begin
  for org in ${organisations} loop
    perform set_config('app.organisation_id', org::text, true);
${body}
  end loop;
  perform set_config('app.organisation_id', '', true);
end
$$;
`;
