import pg from 'pg';
import { loadConfig } from './core/config.js';
import { provideDatabase } from './core/db/database.js';
import { migrate } from './orm.js';
import { createLogger } from './core/logger.js';
import { sealAccessLog, verifyAccessLog } from './modules/access-log/access-log-chain.js';

/**
 * `pnpm verify-access-log [slug]`: seals the lines still waiting for their seal (a server that
 * stopped abruptly may leave some), then recomputes every organisation's access-log hash chain
 * (or one organisation's) and exits 1 when any chain is broken.
 */
const config = loadConfig();
const log = createLogger(config.logLevel);
const database = await provideDatabase(config, log, 'tool');
await migrate(database.migrationUrl);
const client = new pg.Client({ connectionString: database.migrationUrl });
await client.connect();
let broken = false;
try {
  const slug = process.argv[2];
  const { rows: organisations } = await client.query<{ id: string; slug: string }>(
    'select id, slug from organisations where $1::text is null or slug = $1 order by slug',
    [slug ?? null],
  );
  if (slug && organisations.length === 0) throw new Error(`No organisation "${slug}".`);
  for (const organisation of organisations) {
    const sealed = await sealAccessLog(client, organisation.id);
    const result = await verifyAccessLog(client, organisation.id);
    broken ||= !result.ok;
    const notes = [
      `${result.checked} entries`,
      ...(sealed > 0 ? [`${sealed} sealed now`] : []),
      ...(result.unsealed > 0 ? [`${result.unsealed} appended since, not yet sealed`] : []),
    ].join(', ');
    console.log(
      result.ok
        ? `${organisation.slug}: intact (${notes})`
        : `${organisation.slug}: BROKEN at position ${result.broken!.position} (${result.broken!.reason}${
            result.broken!.lineId ? `, line ${result.broken!.lineId}` : ''
          }) after ${result.checked} intact entries`,
    );
  }
} finally {
  await client.end();
  await database.stop();
}
process.exit(broken ? 1 : 0);
