import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  withOwnerClient,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { createLogger } from '../../core/logger.js';
import { startKlachtpadWorker } from '../../jobs.js';
import { AccessLogEntry } from './access-log-entry.entity.js';
import { sealAccessLog, verifyAccessLog } from './access-log-chain.js';

const FILE = /* GraphQL */ `
  mutation File($input: FileComplaintInput!) {
    fileComplaint(input: $input) {
      ... on CaseChanged {
        case {
          id
        }
      }
    }
  }
`;
const READ = /* GraphQL */ `
  query Read($id: ID!) {
    case(id: $id) {
      id
    }
  }
`;

const serverDir = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The access log of NEN 7513 off the request path (ADR 0021): requests append lines without a
 * lock, a sealer chains them afterwards, and nothing that happens in between — a crash, readers
 * racing each other, a second sealer — loses a line or lets one change unseen.
 */
describe('the access-log chain, sealed after the request', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;

  const lines = () =>
    withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      em.find(AccessLogEntry, { organisationId: org.id }, { orderBy: { id: 'asc' } }),
    );
  const verify = () => withOwnerClient((client) => verifyAccessLog(client, org.id));
  /** A statement as the server's own database role, in the organisation's scope. */
  const asRuntime = (sql: string, values: unknown[] = []) =>
    withTenantTransaction(server.runtimeOrm, { organisationId: org.id }, (em) =>
      em.execute(sql, values),
    );

  beforeAll(async () => {
    // The timer stays out of the way: each test seals when it means to.
    server = await startTestServer({ env: { ACCESS_LOG_SEAL_MS: '3600000' } });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'awb9', org.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    const filed = await server.gql<{ fileComplaint: { case: { id: string } } }>(
      FILE,
      { input: { complainant: 'client', parts: [{ summary: 'Niet teruggebeld.' }] } },
      { token: tokens.client, organisation: org.slug },
    );
    caseId = filed.data!.fileComplaint.case.id;
  });
  afterAll(() => server.close());

  it('commits a line with the request, unsealed, and seals it into the chain afterwards', async () => {
    const read = await server.gql(
      READ,
      { id: caseId },
      { token: tokens.manager, organisation: org.slug },
    );
    expect(read.errors).toBeUndefined();
    // Committed with the request. (Unsealed as it came in: the table refuses anything else, see
    // below; any server's sealer may have chained it since.)
    const before = await lines();
    expect(before.map((line) => `${line.action}:${line.outcome}`)).toContain('read:allowed');

    await server.sealAccessLog();
    const after = await lines();
    expect(after.every((line) => line.hash !== null)).toBe(true);
    // Positions 1…n without a gap, each line naming the hash of the one before.
    const chain = [...after].sort((a, b) => Number(a.chainPosition) - Number(b.chainPosition));
    expect(chain.map((line) => Number(line.chainPosition))).toEqual(
      chain.map((_line, index) => index + 1),
    );
    chain.slice(1).forEach((line, index) => expect(line.previousHash).toBe(chain[index]!.hash));
    expect(await verify()).toEqual({ ok: true, checked: after.length, unsealed: 0 });
  });

  it('keeps every line of many simultaneous requests, in one chain without a fork', async () => {
    const before = (await lines()).length;
    const reads = await Promise.all(
      Array.from({ length: 30 }, (_v, i) =>
        server.gql(
          READ,
          { id: caseId },
          { token: i % 2 ? tokens.manager : tokens.director, organisation: org.slug },
        ),
      ),
    );
    expect(reads.every((read) => read.errors === undefined)).toBe(true);
    // Two sealers at once (say, two server processes) share the work without forking the chain.
    await Promise.all([
      withOwnerClient((client) => sealAccessLog(client, org.id, 7)),
      withOwnerClient((client) => sealAccessLog(client, org.id, 7)),
    ]);
    await withOwnerClient((client) => sealAccessLog(client, org.id));
    expect(await verify()).toEqual({ ok: true, checked: before + 30, unsealed: 0 });
  });

  it('loses nothing when the server dies between insert and seal: verify-access-log seals it first', async () => {
    // What a request leaves behind when its process is killed after commit, before any seal.
    await withTenantTransaction(server.runtimeOrm, { organisationId: org.id }, (em) =>
      em.insertMany(AccessLogEntry, [
        {
          organisationId: org.id,
          occurredAt: new Date(),
          caseId,
          clientId: org.people.client!.id,
          userId: org.people.manager!.id,
          role: 'manager',
          action: 'read',
          outcome: 'allowed',
        },
      ]),
    );
    const database = inject('database');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', 'src/verify-access-log.ts', org.slug],
      {
        cwd: serverDir,
        env: {
          ...process.env,
          DATABASE_URL: database.runtimeUrl,
          MIGRATION_DATABASE_URL: database.migrationUrl,
          LOG_LEVEL: 'warn',
        },
      },
    );
    // (Another test's server may have sealed it meanwhile: then the script finds nothing waiting.)
    const total = (await lines()).length;
    expect(stdout.trim()).toMatch(
      new RegExp(`^${org.slug}: intact \\(${total} entries(, 1 sealed now)?\\)$`),
    );
    expect(await verify()).toEqual({ ok: true, checked: total, unsealed: 0 });
  });

  it('lets nobody change, reseal, forge or remove a line; the server may only append', async () => {
    await server.sealAccessLog();
    const refused = (work: Promise<unknown>) =>
      work.then(
        () => 'done',
        (error: Error) => error.message,
      );
    expect(await refused(asRuntime(`update access_log set outcome = 'denied'`))).toMatch(
      /permission denied/,
    );
    expect(
      await refused(asRuntime(`update access_log set hash = 'x', previous_hash = null`)),
    ).toMatch(/is sealed and cannot change/);
    expect(await refused(asRuntime('delete from access_log'))).toMatch(/permission denied/);
    expect(
      await refused(
        asRuntime(
          `insert into access_log (organisation_id, occurred_at, action, outcome, chain_position, hash, sealed_at)
           values (?, now(), 'read', 'allowed', 999, 'forged', now())`,
          [org.id],
        ),
      ),
    ).toMatch(/come in unsealed/);
    // The owner is held by the same guard.
    const ownerUpdate = await withOwnerClient((client) =>
      refused(
        (async () => {
          await client.query('begin');
          await client.query(`select set_config('app.organisation_id', $1, true)`, [org.id]);
          await client.query(
            `update access_log set action = 'nothing' where organisation_id = $1`,
            [org.id],
          );
        })(),
      ),
    );
    expect(ownerUpdate).toMatch(/is sealed and cannot change/);
    expect((await verify()).ok).toBe(true);
  });

  it('shows a removed line as a gap in the chain', async () => {
    await server.sealAccessLog();
    const checked = (await verify()).checked;
    expect(checked).toBeGreaterThan(3);
    // Only the table's owner can delete at all.
    await withOwnerClient(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.organisation_id', $1, true)`, [org.id]);
      await client.query(
        `delete from access_log where organisation_id = $1 and chain_position = 3`,
        [org.id],
      );
      await client.query('commit');
    });
    expect(await verify()).toEqual({
      ok: false,
      checked: 2,
      broken: { position: 3, reason: 'removed' },
      unsealed: 0,
    });
  });
});

describe('the sealer of a running server', () => {
  it('seals appended lines on its own, shortly after the request', async () => {
    const server = await startTestServer({ env: { ACCESS_LOG_SEAL_MS: '50' } });
    // The server's own worker, as `pnpm start` runs it: its scheduler on a timer and the real
    // clock, sealing as a periodic job (ADR 0050); other organisations' jobs are left alone.
    let organisationIds: string[] = [];
    const worker = await startKlachtpadWorker({
      config: server.config,
      orm: server.runtimeOrm,
      log: createLogger('silent'),
      clock: () => new Date(),
      organisationIds: () => organisationIds,
      periodicTasks: ['seal-access-log'],
      tickMs: 50,
    });
    try {
      const org = await arrangeOrganisation(server.ownerOrm, { client: ['client'] });
      organisationIds = [org.id];
      await publishTemplate(server.ownerOrm, org, 'awb9', org.people.client!);
      const token = await signIn(server, org.people.client!);
      await server.gql(
        FILE,
        { input: { complainant: 'client', parts: [{ summary: 'Te laat.' }] } },
        { token, organisation: org.slug },
      );
      const pool = new pg.Pool({ connectionString: inject('database').migrationUrl, max: 1 });
      try {
        await expect
          .poll(
            async () => {
              const client = await pool.connect();
              try {
                return await verifyAccessLog(client, org.id);
              } finally {
                client.release();
              }
            },
            // Generous: the queue is shared with every other file's workers on a loaded machine.
            { timeout: 120_000, interval: 100 },
          )
          .toMatchObject({ ok: true, checked: 1, unsealed: 0 });
      } finally {
        await pool.end();
      }
    } finally {
      await worker.stop();
      await server.close();
    }
  }, 180_000);
});
