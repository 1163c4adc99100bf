import { Migration } from '@mikro-orm/migrations';

/**
 * Someone is responsible for every stage (issue 8 §2, ADR 0098).
 *
 * - `units`: an organisation's teams and locations, each with its manager (a current manager of
 *   the organisation, checked by the service; the key keeps it a member here).
 * - `unit_members`: which staff belong to which unit (a begeleider may work at two locations).
 * - `memberships.position`: a director's position, `directie` or `bestuur`; null where the
 *   organisation does not tell them apart (its directors hold both, as the engine reads an actor
 *   without positions). A position, not a seventh role: the six roles stay what they are.
 * - `stage_routes`: a director's routing rule per procedure stage: first the manager of the unit
 *   of the employee the complaint is about (`by_unit`), else the default assignee. Keyed by the
 *   stage id, which stays the same across the versions of one organisation's procedure.
 * - `case_assignments`: who is responsible for a case in a stage of a track, how they came to be
 *   (routed by the rules, assigned by staff, or the staff member who registered the complaint),
 *   and by whom. The row for a stage the case enters again stays: the same person picks it up.
 *
 * Every table is a tenant table: keyed on organisation_id, RLS enabled and forced.
 */
export class Migration0103UnitsAndRouting extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table units (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  manager_id uuid,
  created_at timestamptz not null,
  primary key (organisation_id, id),
  foreign key (organisation_id, manager_id) references memberships (organisation_id, user_id)
);
create unique index units_name_key on units (organisation_id, lower(name));
select app.enable_tenant_rls('units');
grant select, insert, update, delete on units to klachtpad_runtime;

create table unit_members (
  organisation_id uuid not null,
  unit_id uuid not null,
  user_id uuid not null,
  primary key (organisation_id, unit_id, user_id),
  foreign key (organisation_id, unit_id) references units (organisation_id, id) on delete cascade,
  foreign key (organisation_id, user_id) references memberships (organisation_id, user_id)
);
create index unit_members_user_idx on unit_members (organisation_id, user_id);
select app.enable_tenant_rls('unit_members');
grant select, insert, delete on unit_members to klachtpad_runtime;

-- Read only with the director role: a member who loses it keeps the column, which then says nothing.
alter table memberships add column position text check (position in ('directie', 'bestuur'));

create table stage_routes (
  organisation_id uuid not null references organisations (id),
  stage text not null check (stage ~ '^[a-z][a-z0-9-]*$' and length(stage) <= 100),
  by_unit boolean not null,
  default_assignee_id uuid,
  updated_at timestamptz not null,
  updated_by uuid not null,
  primary key (organisation_id, stage),
  foreign key (organisation_id, default_assignee_id)
    references memberships (organisation_id, user_id),
  foreign key (organisation_id, updated_by) references memberships (organisation_id, user_id),
  constraint stage_routes_say_something check (by_unit or default_assignee_id is not null)
);
select app.enable_tenant_rls('stage_routes');
grant select, insert, update, delete on stage_routes to klachtpad_runtime;

create table case_assignments (
  organisation_id uuid not null,
  id uuid not null,
  case_id uuid not null,
  track text not null,
  stage text not null,
  user_id uuid not null,
  how text not null check (how in ('routed', 'assigned', 'registered')),
  assigned_at timestamptz not null,
  assigned_by uuid,
  primary key (organisation_id, id),
  unique (organisation_id, case_id, track, stage),
  foreign key (organisation_id, case_id) references cases (organisation_id, id),
  foreign key (organisation_id, user_id) references memberships (organisation_id, user_id),
  foreign key (organisation_id, assigned_by) references memberships (organisation_id, user_id),
  constraint case_assignments_by_whom check ((how = 'assigned') = (assigned_by is not null))
);
create index case_assignments_user_idx on case_assignments (organisation_id, user_id);
select app.enable_tenant_rls('case_assignments');
grant select, insert, update on case_assignments to klachtpad_runtime;
`);
  }
}
