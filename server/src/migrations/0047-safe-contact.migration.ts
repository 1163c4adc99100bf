import { Migration } from '@mikro-orm/migrations';

/**
 * How a person may be reached outside the portal, per organisation (ADR 0054). Clients of a
 * shelter or of Veilig Thuis may live with the person they complain about: an e-mail can give
 * them away. So a client gets e-mail only at an address they confirmed as safe, never at hours
 * they said are unsafe, and every message carries a code word they chose, so they can tell it is
 * genuine. Staff on the case read it; the confirmation token is kept as a SHA-256 only.
 */
export class Migration0047SafeContact extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create table contact_preferences (
  organisation_id uuid not null references organisations (id),
  user_id uuid not null,
  channel text not null check (channel in ('portal', 'email')),
  email text check (email is null or (length(email) <= 254 and email ~ '^[^@\\s]+@[^@\\s]+$')),
  email_confirmed_at timestamptz,
  confirm_token_hash text check (confirm_token_hash is null or confirm_token_hash ~ '^[0-9a-f]{64}$'),
  confirm_expires_at timestamptz,
  quiet_from text check (quiet_from is null or quiet_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_to text check (quiet_to is null or quiet_to ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  code_word text check (code_word is null or length(code_word) between 1 and 40),
  updated_at timestamptz not null,
  primary key (organisation_id, user_id),
  foreign key (organisation_id, user_id) references memberships (organisation_id, user_id),
  check ((quiet_from is null) = (quiet_to is null)),
  check (channel = 'portal' or email is not null)
);
select app.enable_tenant_rls('contact_preferences');
grant select, insert, update on contact_preferences to klachtpad_runtime;
`);
  }
}
