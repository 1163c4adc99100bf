import { Migration } from '@mikro-orm/migrations';

/**
 * The inbox's grouping orders (issue 13 item 1): by stage and by handler, each led by
 * `organisation_id` and holding the order the list asks for (the key ascending with the cases
 * without one last, then newest first), so a page is read from the index in order. Reference and
 * category already have theirs: the unique (organisation_id, reference) and migration 0085's
 * category index.
 */
export class Migration0098InboxOrders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create index cases_stage_order_idx
  on cases (organisation_id, (stages[1]) asc nulls last, created_at desc, id desc);
create index cases_handler_order_idx
  on cases (organisation_id, (handler_ids[1]) asc nulls last, created_at desc, id desc);
`);
  }
}
