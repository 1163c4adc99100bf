import { loadConfig } from './core/config.js';
import { provideDatabase } from './core/db/database.js';
import { createOrm, migrate } from './orm.js';
import { withTenantTransaction } from './core/db/tenant-session.js';
import { createLogger } from './core/logger.js';
import { verifyAccessLog } from './modules/access-log/access-log.service.js';
import { Organisation } from './modules/organisations/organisation.entity.js';

/**
 * `pnpm verify-access-log [slug]`: recomputes every organisation's access-log hash chain (or one
 * organisation's) and exits 1 when any chain is broken.
 */
const config = loadConfig();
const log = createLogger(config.logLevel);
const database = await provideDatabase(config, log);
await migrate(database.migrationUrl);
const orm = await createOrm(database.migrationUrl, 2);
let broken = false;
try {
  const slug = process.argv[2];
  const organisations = await withTenantTransaction(orm, {}, (em) =>
    em.find(Organisation, slug ? { slug } : {}, { orderBy: { slug: 'asc' } }),
  );
  if (slug && organisations.length === 0) throw new Error(`No organisation "${slug}".`);
  for (const organisation of organisations) {
    const result = await withTenantTransaction(orm, { organisationId: organisation.id }, (em) =>
      verifyAccessLog(em, organisation.id),
    );
    broken ||= !result.ok;
    console.log(
      result.ok
        ? `${organisation.slug}: intact (${result.checked} entries)`
        : `${organisation.slug}: BROKEN at entry ${result.brokenAt} after ${result.checked} intact entries`,
    );
  }
} finally {
  await orm.close(true);
  await database.stop();
}
process.exit(broken ? 1 : 0);
