import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenantTransaction } from '../core/db/tenant-session.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../test/harness.js';
import { fileComplaintAs, referToCommission } from '../../test/casework-fixtures.js';
import { AccessLogEntry } from '../modules/access-log/access-log-entry.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { Referral } from '../modules/commissions/referral.entity.js';
import { IdempotencyKey } from '../modules/idempotency/idempotency-key.entity.js';
import { startKlachtpadWorker, type KlachtpadWorker } from '../jobs.js';
import { createLogger } from '../core/logger.js';

const HOUR_MS = 3_600_000;

describe('housekeeping jobs', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  let worker: KlachtpadWorker;

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      director: ['director'],
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await publishTemplate(server.ownerOrm, org, 'wkkgz', org.people.director!);
    worker = await server.startWorker([org]);
  });
  afterAll(() => server.close());

  it('deletes sessions past their absolute or idle expiry and keeps the live ones', async () => {
    const now = server.clock.now();
    const userId = org.people.client!.id;
    const session = (id: string, lastSeenAt: Date, expiresAt: Date) =>
      Object.assign(new Session(), {
        id,
        userId,
        tokenHash: randomUUID().replace(/-/g, '').padEnd(64, '0'),
        createdAt: new Date(lastSeenAt.getTime() - HOUR_MS),
        lastSeenAt,
        expiresAt,
      });
    const [ended, idle, live] = [randomUUID(), randomUUID(), randomUUID()];
    await withTenantTransaction(server.ownerOrm, { userId }, async (em) => {
      em.persist(session(ended, now, new Date(now.getTime() - 1000)));
      em.persist(
        session(idle, new Date(now.getTime() - 2 * HOUR_MS), new Date(now.getTime() + HOUR_MS)),
      );
      em.persist(session(live, now, new Date(now.getTime() + HOUR_MS)));
    });
    await worker.runTask('purge-sessions');
    const left = await withTenantTransaction(server.ownerOrm, { userId }, (em) =>
      em.find(Session, { id: { $in: [ended, idle, live] } }),
    );
    expect(left.map((s) => s.id)).toEqual([live]);
  });

  it('forgets idempotency keys once nobody would retry with them', async () => {
    const now = server.clock.now();
    const userId = org.people.client!.id;
    const key = (name: string, createdAt: Date) =>
      Object.assign(new IdempotencyKey(), {
        organisationId: org.id,
        userId,
        key: name,
        operation: 'performAction',
        requestHash: 'a'.repeat(64),
        result: { kind: 'refused' },
        createdAt,
      });
    await withTenantTransaction(server.ownerOrm, { organisationId: org.id, userId }, async (em) => {
      em.persist(key('old-key-0001', new Date(now.getTime() - 25 * HOUR_MS)));
      em.persist(key('new-key-0001', new Date(now.getTime() - HOUR_MS)));
    });
    await worker.runTask('purge-idempotency-keys');
    // Read as their owner: a person's keys are theirs alone.
    const left = await withTenantTransaction(
      server.ownerOrm,
      { organisationId: org.id, userId },
      (em) => em.find(IdempotencyKey, { organisationId: org.id }),
    );
    expect(left.map((k) => k.key)).toEqual(['new-key-0001']);
  });

  it('seals the access-log lines requests appended, and a second round has nothing to do', async () => {
    const token = await signIn(server, org.people.client!);
    await fileComplaintAs(server, { token, organisation: org.slug }, { parts: [{ summary: 'x' }] });
    const unsealed = () =>
      withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
        em.count(AccessLogEntry, { organisationId: org.id, hash: null }),
      );
    expect(await unsealed()).toBeGreaterThan(0);
    await worker.runTask('seal-access-log');
    expect(await unsealed()).toBe(0);
    await worker.runTask('seal-access-log');
    expect(await unsealed()).toBe(0);
  });

  it('records a referral whose term passed without waiting for anyone to ask', async () => {
    const token = await signIn(server, org.people.client!);
    const caseId = await fileComplaintAs(
      server,
      { token, organisation: org.slug },
      { parts: [{ summary: 'Verwezen klacht' }] },
    );
    await referToCommission(server, org, caseId, commission.id);
    // The arranged term is a year; a year and a day later nobody has asked about the case.
    server.clock.advance(366 * 24 * HOUR_MS);
    await worker.runTask('expire-referrals');
    const referral = await withTenantTransaction(
      server.ownerOrm,
      { organisationId: org.id },
      (em) => em.findOneOrFail(Referral, { organisationId: org.id, caseId }),
    );
    expect(referral.endReason).toBe('expired');
    expect(referral.endedAt).not.toBeNull();
  });

  it('dispatches a periodic job once per interval, however many schedulers ask', async () => {
    // A task of this test alone: rounds of a real one at a date years ahead would hold back that
    // task's rounds for every other file on the shared database.
    const task = `test-round-${randomUUID().slice(0, 8)}`;
    const at = new Date('2031-01-01T00:00:00.000Z');
    const jobs = JSON.stringify([{ task, everyMs: 60_000 }]);
    const dispatch = (now: Date) =>
      server.runtimeOrm.em
        .fork()
        .execute<{ n: number }[]>('select app.dispatch_periodic_jobs(?, ?::jsonb) as n', [
          now,
          jobs,
        ]);
    try {
      const first = await Promise.all([dispatch(at), dispatch(at), dispatch(at)]);
      expect(first.map((rows) => rows[0]!.n).reduce((a, b) => a + b, 0)).toBe(1);
      expect((await dispatch(new Date(at.getTime() + 59_000)))[0]!.n).toBe(0);
      expect((await dispatch(new Date(at.getTime() + 60_000)))[0]!.n).toBe(1);
    } finally {
      const owner = server.ownerOrm.em.fork();
      await owner.execute(
        `delete from graphile_worker._private_jobs
          where task_id in (select id from graphile_worker._private_tasks where identifier = ?)`,
        [task],
      );
      await owner.execute('delete from app.periodic_jobs where task = ?', [task]);
    }
  });

  it('gives each worker that serves some organisations rounds of its own, held back by no other', async () => {
    // Two test files on the shared database, each with its worker for its own organisations and
    // its own clock: one file's round, years ahead, must not stand for the other's.
    const other = await arrangeOrganisation(server.ownerOrm, { client: ['client'] });
    await publishTemplate(server.ownerOrm, other, 'awb9', other.people.client!);
    const sealer = (served: ArrangedOrganisation, clock: () => Date) =>
      startKlachtpadWorker({
        config: server.config,
        orm: server.runtimeOrm,
        log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'),
        clock,
        organisationIds: () => [served.id],
        periodicTasks: ['seal-access-log'],
        tickMs: 0,
      });
    const ahead = await sealer(org, () => new Date('2031-01-01T00:00:00.000Z'));
    try {
      await ahead.drain();
    } finally {
      await ahead.stop();
    }
    const token = await signIn(server, other.people.client!);
    await fileComplaintAs(
      server,
      { token, organisation: other.slug },
      { parts: [{ summary: 'Te laat.' }] },
    );
    const unsealed = () =>
      withTenantTransaction(server.ownerOrm, { organisationId: other.id }, (em) =>
        em.count(AccessLogEntry, { organisationId: other.id, hash: null }),
      );
    expect(await unsealed()).toBeGreaterThan(0);
    const now = await sealer(other, server.clock.now);
    try {
      await now.drain();
      expect(await unsealed()).toBe(0);
    } finally {
      await now.stop();
    }
  });
});
