import { Migration } from '@mikro-orm/migrations';

/**
 * A person's idempotency keys are theirs alone, for every role again. Migration 0045 narrowed the
 * restrictive "own keys" policies to the runtime role so that the owner's purge could see every
 * key; that also let the owner's scoped transactions read other people's keys. The policies apply
 * to everyone once more, and only the owner with nothing in scope — the purge
 * (`app.purge_idempotency_keys`, a security definer) — sees past them.
 */
export class Migration0048OwnIdempotencyKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter policy idempotency_keys_own_select on idempotency_keys to public using (
  user_id = app.current_user_id()
  or (current_user = 'klachtpad_owner' and app.current_user_id() is null
      and app.current_organisation_id() is null)
);
alter policy idempotency_keys_own_insert on idempotency_keys to public
  with check (user_id = app.current_user_id());
`);
  }
}
