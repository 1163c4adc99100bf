import { Migration } from '@mikro-orm/migrations';

/**
 * The staff inbox's filters and orders (issue 13), each backed by an index that leads with
 * `organisation_id`, as every tenant query does. The arrays (handlers, stages) and the text search
 * use GIN with `btree_gin` so the organisation is part of the same index; the search text is the
 * exact expression `SEARCH_TEXT_SQL` in `cases/case-listing.ts` writes. Both extensions ship
 * with PostgreSQL and are trusted (the database owner may create them).
 */
export class Migration0085InboxIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
create extension if not exists btree_gin;
create extension if not exists pg_trgm;

-- Urgency: next due date first (overdue, then due soon), the undated last, newest first within.
create index cases_urgency_idx
  on cases (organisation_id, next_due_on asc nulls last, created_at desc, id desc);
create index cases_people_stages_idx on cases using gin (organisation_id, handler_ids, stages);
create index cases_channel_idx on cases (organisation_id, channel, created_at desc, id desc);
create index cases_category_idx on cases (organisation_id, category, created_at desc, id desc);
create index cases_search_idx on cases using gin (
  organisation_id,
  (lower(reference || ' ' || jsonb_path_query_array(state, '$.parts[*].summary')::text))
    gin_trgm_ops
);
`);
  }
}
