import type pg from 'pg';
import type { MalwareScanner } from '../core/scanning/clamd.js';
import type { Mailer } from '../modules/mail/mailer.js';
import type { ServiceDeps } from '../request/act-as.js';

/** What every job handler may use: the services' dependencies and a plain client for chain work. */
export interface JobDeps extends ServiceDeps {
  /** A plain `pg` client on the runtime role, outside every ORM transaction (access-log sealing). */
  withClient<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T>;
  /** Where e-mail goes: SMTP, the development inbox, or nowhere (ADR 0053). */
  mailer: Mailer;
  /** clamd, when `CLAMD_URL` is set (ADR 0066). */
  scanner: MalwareScanner | undefined;
}
