import { Migration } from '@mikro-orm/migrations';

/**
 * Password reset by e-mail (ADR 0091). A request records a reset for the account of the address
 * given (nothing, and the same answer, for an address without one); the mail job makes the link's
 * token and keeps only its SHA-256; the link works once, for an hour. Before anyone is signed in,
 * the transaction sees the resets of the account being asked about (`app.sign_in_email`) or of
 * the one token presented (`app.reset_token_hash`), nothing else.
 */
export class Migration0091PasswordResets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create function app.reset_token_hash() returns text language sql stable as
  $$ select nullif(current_setting('app.reset_token_hash', true), '') $$;

create table password_resets (
  id uuid primary key,
  user_id uuid not null references users (id) on delete cascade,
  token_hash text unique check (token_hash is null or token_hash ~ '^[0-9a-f]{64}$'),
  requested_at timestamptz not null,
  expires_at timestamptz,
  used_at timestamptz
);
create index password_resets_user_idx on password_resets (user_id, requested_at);
alter table password_resets enable row level security;
alter table password_resets force row level security;
create policy password_resets_select on password_resets for select using (
  user_id = app.current_user_id()
  or token_hash = app.reset_token_hash()
  or exists (select 1 from users u where u.id = password_resets.user_id and u.email = app.sign_in_email())
);
create policy password_resets_insert on password_resets for insert with check (
  exists (select 1 from users u where u.id = password_resets.user_id and u.email = app.sign_in_email())
);
create policy password_resets_update on password_resets for update
  using (user_id = app.current_user_id() or token_hash = app.reset_token_hash())
  with check (user_id = app.current_user_id() or token_hash = app.reset_token_hash());
grant select, insert, update on password_resets to klachtpad_runtime;
`);
  }
}
