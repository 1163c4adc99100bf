import { Migration } from '@mikro-orm/migrations';

/**
 * Malware scanning of uploads (ADR 0066). `scan_status` says whether a document may be served:
 * `not-scanned` (no scanner was configured, or Klachtpad made the bytes itself: a letter) and
 * `clean` may; `pending` (waiting for clamd) and `infected` (quarantined) may not. Every existing
 * document is `not-scanned`, which is what it was. A verdict is final: the runtime role may only
 * move a pending document to clean or infected, so no later statement can release a quarantined
 * file or put a clean one back in the queue.
 */
export class Migration0066DocumentScanning extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table documents
  add column scan_status text not null default 'not-scanned'
    check (scan_status in ('not-scanned', 'pending', 'clean', 'infected')),
  add column scanned_at timestamptz,
  add column scan_signature text check (length(scan_signature) between 1 and 200),
  add constraint documents_scan_verdict check (
    (scan_status in ('clean', 'infected')) = (scanned_at is not null)
    and (scan_status = 'infected') = (scan_signature is not null)
    and (scan_status in ('not-scanned', 'clean') or kind = 'upload')
  );

create function app.documents_scan_verdict_is_final() returns trigger
  language plpgsql set search_path = pg_catalog as $fn$
begin
  if new.scan_status is distinct from old.scan_status
     and not (old.scan_status = 'pending' and new.scan_status in ('clean', 'infected')) then
    raise exception 'a document''s scan verdict is final (% to %)', old.scan_status, new.scan_status
      using errcode = 'check_violation';
  end if;
  return new;
end
$fn$;
create trigger documents_scan_verdict_is_final before update of scan_status on documents
  for each row execute function app.documents_scan_verdict_is_final();

grant update (scan_status, scanned_at, scan_signature) on documents to klachtpad_runtime;
`);
  }
}
