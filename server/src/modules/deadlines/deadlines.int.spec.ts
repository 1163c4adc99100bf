import { amsterdamMidnight, loadTemplate } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  TestClock,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { routeTo, walkRoute } from '../../../test/route-walk.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { Case } from '../cases/case.entity.js';
import { caseClockJobs } from './case-clock-schedule.js';

const DAY_MS = 86_400_000;
/** Days on the clock: sessions must outlive the weeks a story lets pass. */
const LONG_SESSIONS = {
  SESSION_IDLE_MINUTES: String(60 * 24 * 400),
  SESSION_ABSOLUTE_HOURS: String(24 * 400),
};

const LOOK = /* GraphQL */ `
  query Look($id: ID!) {
    case(id: $id) {
      version
      stages {
        stage
      }
      deadlines {
        clock
        status
        due
      }
      availableActions {
        id
      }
      timeline {
        type
        payload
        bySystem
      }
    }
  }
`;
const DASHBOARD = /* GraphQL */ `
  query {
    dashboard {
      open
      overdue
      stages {
        stage
        count
      }
    }
  }
`;
const ACCESS_LOG = /* GraphQL */ `
  query Log($caseId: ID!) {
    accessLog(caseId: $caseId) {
      who
      role
      action
      bySystem
    }
  }
`;

interface Look {
  version: number;
  stages: { stage: string }[];
  deadlines: { clock: string; status: string; due: string }[];
  availableActions: { id: string }[];
  timeline: { type: string; payload: Record<string, unknown>; bySystem: boolean }[];
}

const procedure = loadTemplate('bureau-mhr');

describe('terms that run out with nobody acting (Bureau MHR)', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let tokens: Record<string, string>;
  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });

  beforeAll(async () => {
    server = await startTestServer({ env: LONG_SESSIONS });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      manager: ['manager'],
      director: ['director'],
      employee: ['handler'],
    });
    await publishTemplate(server.ownerOrm, org, 'bureau-mhr', org.people.director!);
    tokens = {};
    for (const name of Object.keys(org.people)) tokens[name] = await signIn(server, org.people[name]!);
  });
  afterAll(() => server.close());

  const look = async (caseId: string, actor = 'director') => {
    const result = await server.gql<{ case: Look | null }>(LOOK, { id: caseId }, as(actor));
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  };

  /** A written complaint lies with the directie, whose two weeks run from today. */
  async function complaintWithTheDirectie() {
    const { caseId } = await walkRoute(
      server,
      procedure,
      routeTo(server, procedure, 'intern:directie'),
      as,
      org.people.handler!.id,
      { subjectIds: [org.people.employee!.id] },
    );
    const kase = (await look(caseId))!;
    expect(kase.stages.map((s) => s.stage)).toContain('directie');
    const term = kase.deadlines.find((d) => d.clock === 'antwoord-directie')!;
    expect(term.status).toBe('running');
    return { caseId, due: term.due };
  }

  it('reminds before the directie’s term ends, then forwards the case to the bestuur once, by the system', async () => {
    const { caseId, due } = await complaintWithTheDirectie();
    const worker = await server.startWorker([org]);
    const dashboardBefore = await server.gql<{ dashboard: { stages: { stage: string; count: number }[] } }>(
      DASHBOARD,
      {},
      as('director'),
    );
    const countIn = (stages: { stage: string; count: number }[], stage: string) =>
      stages.find((s) => s.stage === stage)?.count ?? 0;

    // Nothing is due yet: the worker leaves the case alone.
    await worker.drain();
    const untouched = (await look(caseId))!;

    // The reminder: two working days before the due date (the procedure's offset).
    const jobs = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      caseClockJobs({ em }, { organisationId: org.id, id: caseId }),
    );
    const directie = jobs.find((job) => job.clock === 'antwoord-directie')!;
    expect(directie.version).toBe(untouched.version);
    expect(Date.parse(amsterdamMidnight(due))).toBeGreaterThan(directie.runAt.getTime());
    server.clock.advanceTo(new Date(directie.runAt.getTime() + 60_000));
    await worker.drain();
    const reminded = (await look(caseId))!;
    expect(reminded.stages.map((s) => s.stage)).toContain('directie');
    const reminders = reminded.timeline.filter((e) => e.type === 'reminder-due');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.bySystem).toBe(true);

    // The day after the due date, with two workers racing for the job.
    const second = await server.startWorker([org]);
    server.clock.advanceTo(new Date(Date.parse(amsterdamMidnight(due)) + DAY_MS + 60_000));
    await Promise.all([worker.drain(), second.drain()]);
    const forwarded = (await look(caseId))!;
    expect(forwarded.stages.map((s) => s.stage)).toEqual(['bestuur']);
    const expired = forwarded.timeline.filter(
      (e) => e.type === 'clock-changed' && e.payload['change'] === 'expired',
    );
    expect(expired).toHaveLength(1);
    expect(expired[0]!.bySystem).toBe(true);
    const bestuur = forwarded.deadlines.find((d) => d.clock === 'antwoord-bestuur')!;
    expect(bestuur.status).toBe('running');
    expect(Date.parse(bestuur.due)).toBeGreaterThan(Date.parse(due));
    // Exactly one time step for the expiry: running the workers again changes nothing.
    await Promise.all([worker.drain(), second.drain()]);
    expect((await look(caseId))!.version).toBe(forwarded.version);
    expect(forwarded.version).toBe(reminded.version + 1);

    // The bestuur's term has its job now, for the new version.
    const after = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      caseClockJobs({ em }, { organisationId: org.id, id: caseId }),
    );
    expect(after.map((job) => [job.clock, job.version])).toEqual([
      ['antwoord-bestuur', forwarded.version],
    ]);

    // The directie can still read the case but no longer answer it.
    expect(forwarded.availableActions.map((a) => a.id)).not.toContain('answer-directie');
    expect((await look(caseId, 'client'))!.stages.map((s) => s.stage)).toEqual(['bestuur']);

    // The dashboard moved the case from one stage to the other.
    const dashboardAfter = await server.gql<{ dashboard: { stages: { stage: string; count: number }[] } }>(
      DASHBOARD,
      {},
      as('director'),
    );
    const beforeStages = dashboardBefore.data!.dashboard.stages;
    const afterStages = dashboardAfter.data!.dashboard.stages;
    expect(countIn(afterStages, 'directie')).toBe(countIn(beforeStages, 'directie') - 1);
    expect(countIn(afterStages, 'bestuur')).toBe(countIn(beforeStages, 'bestuur') + 1);

    // The access log names the system, not a person.
    const log = await server.gql<{
      accessLog: { who: string | null; role: string | null; action: string; bySystem: boolean }[];
    }>(ACCESS_LOG, { caseId }, as('client'));
    const bySystem = log.data!.accessLog.filter((line) => line.bySystem);
    expect(bySystem.map((line) => line.action)).toEqual(['reminder-due', 'term-expired']);
    expect(bySystem.every((line) => line.who === null && line.role === null)).toBe(true);
  });

  it('moves the case on at start when the server was down on the due date', async () => {
    const { caseId, due } = await complaintWithTheDirectie();
    const clock: TestClock = server.clock;
    // The server stops before the due date…
    await server.close();
    clock.advanceTo(new Date(Date.parse(amsterdamMidnight(due)) + 3 * DAY_MS));
    // …and starts three days after it.
    server = await startTestServer({ env: LONG_SESSIONS, clock });
    for (const name of Object.keys(org.people)) tokens[name] = await signIn(server, org.people[name]!);
    const worker = await server.startWorker([org]);
    await worker.drain();
    const kase = (await look(caseId))!;
    expect(kase.stages.map((s) => s.stage)).toEqual(['bestuur']);
    // The reminder that fell due while it was down came first, then the expiry.
    const system = kase.timeline.filter((e) => e.bySystem).map((e) => e.type);
    expect(system).toContain('reminder-due');
    expect(system).toContain('clock-changed');
  });

  it('leaves a case alone when its job was scheduled for a version it has moved on from', async () => {
    const { caseId } = await complaintWithTheDirectie();
    const before = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      em.findOneOrFail(Case, { organisationId: org.id, id: caseId }),
    );
    const worker = await server.startWorker([org]);
    server.clock.advance(20 * DAY_MS);
    // A job for version 1 finds the case at a later version: nothing happens.
    await worker.runTask('advance-case-clock', {
      organisationId: org.id,
      caseId,
      version: 1,
    });
    const after = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      em.findOneOrFail(Case, { organisationId: org.id, id: caseId }),
    );
    expect(after.version).toBe(before.version);
    const systemLines = await withTenantTransaction(
      server.ownerOrm,
      { organisationId: org.id },
      (em) => em.count(AccessLogEntry, { caseId, userId: null }),
    );
    expect(systemLines).toBe(0);
    const events = await withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
      em.count(CaseEvent, { caseId, actorId: null }),
    );
    expect(events).toBe(0);
  });
});
