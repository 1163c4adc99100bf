import { Migration } from '@mikro-orm/migrations';

/**
 * The language a person chose for Klachtpad, remembered with them rather than in the browser: on
 * a shared or borrowed device nothing personal stays behind, and the choice follows them to any
 * device they sign in on. Null until they choose (the web client then speaks Dutch).
 */
export class Migration0030UserLanguage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table users add column language text check (language in ('nl', 'en'));
grant update (language) on users to klachtpad_runtime;
`);
  }
}
