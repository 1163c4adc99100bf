import { Migration } from '@mikro-orm/migrations';

/**
 * Commissions and what they see. A procedure names its commissions by a local id
 * (`externe-klachtencommissie`); `commission_links` says which commission organisation that is for
 * this organisation, and for how long a referral runs. Referrals (0002) remember which procedure
 * commission they came from, why they ended, and may be extended by staff. Staff propose items
 * for the commission's bundle; the client approves or declines each (`bundle_proposals`), and an
 * approved item gets `bundled = true` — the one column of the otherwise append-only timeline the
 * server may change.
 */
export class Migration0005CommissionReferrals extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table commission_links (
  organisation_id uuid not null references organisations (id),
  -- The commission's id in the procedure definition, e.g. externe-klachtencommissie.
  procedure_commission_id text not null check (procedure_commission_id ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
  commission_organisation_id uuid not null references organisations (id),
  term_days integer not null check (term_days between 1 and 1000),
  updated_by uuid not null,
  updated_at timestamptz not null,
  primary key (organisation_id, procedure_commission_id),
  foreign key (organisation_id, updated_by) references memberships (organisation_id, user_id)
);
select app.enable_tenant_rls('commission_links');
grant select, insert, update (commission_organisation_id, term_days, updated_by, updated_at)
  on commission_links to klachtpad_runtime;

alter table referrals
  add column procedure_commission_id text not null,
  add column end_reason text check (end_reason in ('procedure', 'expired', 'staff')),
  add constraint referrals_end_check check ((ended_at is null) = (end_reason is null)),
  add constraint referrals_term_check check (ends_at > referred_at);
-- One live referral per case and commission; expiry finds due referrals per organisation.
create unique index referrals_live_key on referrals (organisation_id, case_id, commission_id)
  where ended_at is null;
create index referrals_due_idx on referrals (organisation_id, ends_at) where ended_at is null;
grant update (ends_at, end_reason) on referrals to klachtpad_runtime;

create table bundle_proposals (
  organisation_id uuid not null references organisations (id),
  id uuid not null,
  case_id uuid not null,
  -- An item of the case: its kind (bundle-items.ts) and its id within that kind.
  item_kind text not null check (item_kind ~ '^[a-z-]{1,30}$'),
  item_id text not null check (length(item_id) <= 64),
  proposed_by uuid not null,
  proposed_at timestamptz not null,
  status text not null default 'proposed' check (status in ('proposed', 'approved', 'declined')),
  decided_by uuid,
  decided_on_behalf_of uuid,
  decided_at timestamptz,
  primary key (organisation_id, id),
  foreign key (organisation_id, case_id) references cases (organisation_id, id),
  foreign key (organisation_id, proposed_by) references memberships (organisation_id, user_id),
  foreign key (organisation_id, decided_by) references memberships (organisation_id, user_id),
  check ((status = 'proposed') = (decided_at is null))
);
select app.enable_tenant_rls('bundle_proposals');
create unique index bundle_proposals_open_key on bundle_proposals (organisation_id, case_id, item_kind, item_id)
  where status = 'proposed';
create index bundle_proposals_case_idx on bundle_proposals (organisation_id, case_id, proposed_at);
grant select, insert, update (status, decided_by, decided_on_behalf_of, decided_at)
  on bundle_proposals to klachtpad_runtime;

grant update (bundled) on case_events to klachtpad_runtime;
`);
  }
}
