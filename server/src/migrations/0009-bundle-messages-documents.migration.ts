import { Migration } from '@mikro-orm/migrations';

/**
 * Messages and documents join the commission's bundle (ADR 0009): approving one sets its
 * `bundled` flag, the only column of a message the server may change, as for timeline events.
 */
export class Migration0009BundleMessagesDocuments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
grant update (bundled) on case_messages to klachtpad_runtime;
grant update (bundled) on documents to klachtpad_runtime;
`);
  }
}
