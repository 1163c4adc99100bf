import { amsterdamMidnight, loadTemplate } from '@klachtpad/procedures';
import type { Role } from '@klachtpad/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import {
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  TestClock,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { notificationsAs } from '../../../test/notification-operations.js';
import { SET_DIRECTOR_POSITION } from '../../../test/routing-operations.js';
import { recordFactsAs, routeTo, walkRoute } from '../../../test/route-walk.js';
import { AccessLogEntry } from '../access-log/access-log-entry.entity.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { Case } from '../cases/case.entity.js';
import { caseClockJobs } from './case-clock-schedule.js';

const DAY_MS = 86_400_000;

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
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
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
      org,
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
    const dashboardBefore = await server.gql<{
      dashboard: { stages: { stage: string; count: number }[] };
    }>(DASHBOARD, {}, as('director'));
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
    const dashboardAfter = await server.gql<{
      dashboard: { stages: { stage: string; count: number }[] };
    }>(DASHBOARD, {}, as('director'));
    const beforeStages = dashboardBefore.data!.dashboard.stages;
    const afterStages = dashboardAfter.data!.dashboard.stages;
    expect(countIn(afterStages, 'directie')).toBe(countIn(beforeStages, 'directie') - 1);
    expect(countIn(afterStages, 'bestuur')).toBe(countIn(beforeStages, 'bestuur') + 1);

    // Who hears of it: the handler before the term ended, the handler and the manager when it
    // passed, the client of the forward, the bestuur that the case now waits for it.
    const told = (name: string) => notificationsAs(server, as(name), caseId);
    expect((await told('handler')).map((n) => n.kind).sort()).toEqual([
      'deadline-reminder',
      'handler-assigned',
      'term-overdue',
    ]);
    expect((await told('manager')).map((n) => n.kind)).toContain('term-overdue');
    const clientHeard = (await told('client')).find((n) => n.kind === 'case-forwarded')!;
    expect(clientHeard.message.nl).toContain('Bij het bestuur');
    expect(clientHeard.message.nl).toContain('doorgestuurd naar het bestuur');
    const bestuurHeard = (await told('director')).find((n) => n.kind === 'awaiting-you')!;
    expect(bestuurHeard.message.en).toContain('awaits you');
    // The employee the complaint is about hears what the procedure tells them (that there is a
    // complaint and a talk) and what their own part in the mediation talk asks (the invitation,
    // the minutes to sign), nothing of the terms or the forward.
    expect(new Set((await told('employee')).map((n) => n.kind))).toEqual(
      new Set(['procedure-notice', 'meeting-invitation', 'minutes-to-sign']),
    );

    // The access log names the system, not a person.
    const log = await server.gql<{
      accessLog: { who: string | null; role: string | null; action: string; bySystem: boolean }[];
    }>(ACCESS_LOG, { caseId }, as('client'));
    const bySystem = log.data!.accessLog.filter((line) => line.bySystem);
    expect(bySystem.map((line) => line.action)).toEqual(['reminder-due', 'term-expired']);
    expect(bySystem.every((line) => line.who === null && line.role === null)).toBe(true);
  });

  // A server stopped and started again from scratch: minutes on a loaded machine.
  it(
    'moves the case on at start when the server was down on the due date',
    { timeout: 300_000 },
    async () => {
      const { caseId, due } = await complaintWithTheDirectie();
      const clock: TestClock = server.clock;
      // The server stops before the due date…
      await server.close();
      clock.advanceTo(new Date(Date.parse(amsterdamMidnight(due)) + 3 * DAY_MS));
      // …and starts three days after it.
      server = await startTestServer({ env: LONG_SESSIONS, clock });
      for (const name of Object.keys(org.people))
        tokens[name] = await signIn(server, org.people[name]!);
      const worker = await server.startWorker([org]);
      await worker.drain();
      const kase = (await look(caseId))!;
      expect(kase.stages.map((s) => s.stage)).toEqual(['bestuur']);
      // The reminder that fell due while it was down came first, then the expiry.
      const system = kase.timeline.filter((e) => e.bySystem).map((e) => e.type);
      expect(system).toContain('reminder-due');
      expect(system).toContain('clock-changed');
    },
  );

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

const ACT = /* GraphQL */ `
  mutation Act($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
      ... on CaseChanged {
        case {
          version
          deadlines {
            clock
            status
            due
          }
        }
      }
      ... on ActionRefused {
        code
        reasons {
          message {
            en
          }
        }
      }
    }
  }
`;

interface Acted {
  performAction: {
    __typename: string;
    case?: { version: number; deadlines: { clock: string; status: string; due: string }[] };
  };
}

describe('jobs that follow the clock when people extend, suspend and resume it', () => {
  let server: TestServer;
  const orgs: ArrangedOrganisation[] = [];
  const people = {
    client: ['client'],
    handler: ['handler'],
    manager: ['manager'],
    director: ['director'],
    employee: ['handler'],
  } as const;

  beforeAll(async () => {
    server = await startTestServer({ env: LONG_SESSIONS });
  });
  afterAll(() => server.close());

  async function arrange(template: string, more: Record<string, Role[]> = {}) {
    const org = await arrangeOrganisation(server.ownerOrm, {
      client: [...people.client],
      handler: [...people.handler],
      manager: [...people.manager],
      director: [...people.director],
      employee: [...people.employee],
      ...more,
    });
    orgs.push(org);
    await publishTemplate(server.ownerOrm, org, template, org.people.director!);
    const tokens: Record<string, string> = {};
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    const as = (name: string) => ({ token: tokens[name], organisation: org.slug });
    const jobsOf = (caseId: string) =>
      withTenantTransaction(server.ownerOrm, { organisationId: org.id }, (em) =>
        caseClockJobs({ em }, { organisationId: org.id, id: caseId }),
      );
    const act = async (
      actor: string,
      caseId: string,
      version: number,
      action: string,
      payload: Record<string, unknown>,
    ) => {
      const result = await server.gql<Acted>(
        ACT,
        { input: { caseId, action, expectedVersion: version, payload } },
        as(actor),
      );
      const changed = result.data?.performAction.case;
      if (!changed) throw new Error(`${action}: ${JSON.stringify(result)}`);
      return changed;
    };
    return { org, as, jobsOf, act };
  }

  it('moves the pending job when the decision term is extended, and fires on the new date only', async () => {
    const { org, as, jobsOf, act } = await arrange('kleine-ontmoeting');
    const worker = await server.startWorker([org]);
    const procedure = loadTemplate('kleine-ontmoeting');
    const { caseId, version } = await walkRoute(
      server,
      procedure,
      routeTo(server, procedure, 'intern:begeleider'),
      as,
      org,
    );
    const [before] = await jobsOf(caseId);
    expect(before!.clock).toBe('beslistermijn');
    const today = new Date(server.clock.now()).toISOString().slice(0, 10);
    await act('handler', caseId, version, 'extend-decision-term', {
      extension: { amount: 4, unit: 'weeks', reason: 'De begeleider is drie weken met verlof.' },
    });
    // The extension takes effect once its letter, with the reason, went to the client in time.
    await recordFactsAs(server, org, caseId, {
      letters: [{ id: 'notice', kind: 'extension', sentOn: today, to: ['client'] }],
    });
    const extended = (await server.gql<{ case: Look }>(LOOK, { id: caseId }, as('handler'))).data!
      .case;
    const [after] = await jobsOf(caseId);
    // Replaced under its key, not doubled, and four weeks later, for the new version.
    expect(await jobsOf(caseId)).toHaveLength(1);
    expect(after!.version).toBe(extended.version);
    expect(after!.runAt.getTime() - before!.runAt.getTime()).toBe(28 * DAY_MS);

    // The old moment passes: nothing happens.
    server.clock.advanceTo(new Date(before!.runAt.getTime() + 60_000));
    await worker.drain();
    const quiet = await server.gql<{ case: Look }>(LOOK, { id: caseId }, as('handler'));
    expect(quiet.data!.case.version).toBe(extended.version);
    // The new one: the first reminder, two weeks before the extended due date.
    server.clock.advanceTo(new Date(after!.runAt.getTime() + 60_000));
    await worker.drain();
    const reminded = await server.gql<{ case: Look }>(LOOK, { id: caseId }, as('handler'));
    expect(reminded.data!.case.timeline.filter((e) => e.type === 'reminder-due')).toHaveLength(1);
  });

  /**
   * A Wkkgz complaint just received in an organisation of its own, with a worker to run the jobs
   * that remind of its decision term and let it run out; `told` counts one kind of notification of
   * the case in a person's inbox.
   */
  async function receivedWkkgzComplaint(
    more: Record<string, Role[]> = {},
    beforeFiling: (
      arranged: Awaited<ReturnType<typeof arrange>>,
    ) => Promise<Record<string, unknown>> = async () => ({}),
  ) {
    const arranged = await arrange('wkkgz', more);
    const { org, as } = arranged;
    const filing = await beforeFiling(arranged);
    const worker = await server.startWorker([org]);
    const wkkgz = loadTemplate('wkkgz');
    const { caseId } = await walkRoute(
      server,
      wkkgz,
      routeTo(server, wkkgz, 'intern:ontvangen'),
      as,
      org,
      filing,
    );
    const told = async (name: string, kind: string) =>
      (await notificationsAs(server, as(name), caseId)).filter((node) => node.kind === kind).length;
    return { ...arranged, worker, caseId, told };
  }

  it('reminds two weeks and one week before a Wkkgz decision is due, then counts the term as overdue', async () => {
    const { as, jobsOf, worker, caseId, told } = await receivedWkkgzComplaint();
    const look = async (actor = 'handler') =>
      (await server.gql<{ case: Look | null }>(LOOK, { id: caseId }, as(actor))).data!.case;
    const due = (await look())!.deadlines.find((d) => d.clock === 'beslistermijn')!.due;
    const daysBefore = (days: number) =>
      new Date(Date.parse(`${due}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
    const overdue = async () =>
      (await server.gql<{ dashboard: { overdue: number } }>(DASHBOARD, {}, as('director'))).data!
        .dashboard.overdue;
    const overdueBefore = await overdue();
    const reminders = async () =>
      (await look())!.timeline.filter((e) => e.type === 'reminder-due' && e.bySystem).length;

    // Each reminder is its own job on its day: fourteen days, then seven days before the due date.
    for (const [days, count] of [
      [14, 1],
      [7, 2],
    ] as const) {
      const [job] = await jobsOf(caseId);
      expect(job!.runAt.getTime()).toBe(Date.parse(amsterdamMidnight(daysBefore(days))));
      server.clock.advanceTo(new Date(job!.runAt.getTime() - 60_000));
      await worker.drain();
      expect(await reminders()).toBe(count - 1);
      server.clock.advanceTo(new Date(job!.runAt.getTime() + 60_000));
      await worker.drain();
      expect(await reminders()).toBe(count);
      expect(await told('handler', 'deadline-reminder')).toBe(count);
    }
    // Neither the client nor another organisation's handler hears of staff's reminders.
    expect(await told('client', 'deadline-reminder')).toBe(0);
    const elsewhere = await arrange('wkkgz');
    const theirs = await server.gql<{ case: Look | null }>(
      LOOK,
      { id: caseId },
      elsewhere.as('handler'),
    );
    expect(theirs.data?.case ?? null).toBeNull();
    expect(await notificationsAs(server, elsewhere.as('handler'))).toEqual([]);

    // Nobody decides: the day after the due date the term has run out, and the dashboard says so.
    const [expiry] = await jobsOf(caseId);
    expect(expiry!.runAt.getTime()).toBe(Date.parse(amsterdamMidnight(daysBefore(-1))));
    server.clock.advanceTo(new Date(expiry!.runAt.getTime() + 60_000));
    await worker.drain();
    expect((await look())!.deadlines.find((d) => d.clock === 'beslistermijn')!.status).toBe(
      'expired',
    );
    expect(await reminders()).toBe(2);
    expect(await told('handler', 'term-overdue')).toBe(1);
    // The directie hears of it too (seed 002): here every director, as none has a position.
    expect(await told('director', 'term-overdue')).toBe(1);
    expect(await overdue()).toBe(overdueBefore + 1);
  });

  it('tells the directie of an overdue term, never the director the complaint is about', async () => {
    const { as, jobsOf, worker, caseId, told } = await receivedWkkgzComplaint(
      { directeur: ['director'], bestuurder: ['director'] },
      async ({ org, as }) => {
        // Directie and bestuur apart: the director who published is directie, like the directeur.
        for (const [name, position, by] of [
          ['director', 'DIRECTIE', 'bestuurder'],
          ['directeur', 'DIRECTIE', 'director'],
          ['bestuurder', 'BESTUUR', 'director'],
        ] as const) {
          const set = await server.gql(
            SET_DIRECTOR_POSITION,
            { input: { userId: org.people[name]!.id, position } },
            as(by),
          );
          expect(set.errors).toBeUndefined();
        }
        return { subjectIds: [org.people.directeur!.id] };
      },
    );
    // Nobody decides until every job of the case ran: the last one lets the term run out.
    for (let jobs = await jobsOf(caseId), rounds = 0; jobs.length > 0; rounds += 1) {
      if (rounds === 5) throw new Error(`the case keeps scheduling jobs: ${JSON.stringify(jobs)}`);
      server.clock.advanceTo(new Date(jobs.at(-1)!.runAt.getTime() + 60_000));
      await worker.drain();
      jobs = await jobsOf(caseId);
    }
    expect(
      (
        await server.gql<{ case: Look }>(LOOK, { id: caseId }, as('handler'))
      ).data!.case.deadlines.find((d) => d.clock === 'beslistermijn')!.status,
    ).toBe('expired');
    expect(await told('handler', 'term-overdue')).toBe(1);
    expect(await told('director', 'term-overdue')).toBe(1);
    // The directeur the complaint is about hears nothing of its terms; the bestuur is not told.
    expect(await told('directeur', 'term-overdue')).toBe(0);
    expect(await told('bestuurder', 'term-overdue')).toBe(0);
    // Nor another organisation's director.
    const elsewhere = await arrange('wkkgz');
    expect(await notificationsAs(server, elsewhere.as('director'))).toEqual([]);
  });

  it('drops the job while the bestuur’s term is suspended and fires on the due date moved by the suspended days', async () => {
    const { org, as, jobsOf, act } = await arrange('bureau-mhr');
    const worker = await server.startWorker([org]);
    const procedure = loadTemplate('bureau-mhr');
    const { caseId, version } = await walkRoute(
      server,
      procedure,
      routeTo(server, procedure, 'intern:bestuur'),
      as,
      org,
      { subjectIds: [org.people.employee!.id] },
    );
    const look = async () =>
      (await server.gql<{ case: Look }>(LOOK, { id: caseId }, as('director'))).data!.case;
    const running = (await look()).deadlines.find((d) => d.clock === 'antwoord-bestuur')!;
    expect(running.status).toBe('running');

    // The client asks for the independent commission: the bestuur's term stops running.
    const suspended = await act('client', caseId, version, 'request-independent-commission', {
      wish: 'Ik wil dat een onafhankelijke commissie naar mijn klacht kijkt.',
    });
    expect(suspended.deadlines.find((d) => d.clock === 'antwoord-bestuur')!.status).toBe(
      'suspended',
    );
    expect((await jobsOf(caseId)).map((job) => job.clock)).not.toContain('antwoord-bestuur');

    // Five days later the commission is called off and the term runs again, five days later.
    server.clock.advance(5 * DAY_MS);
    const resumed = await act('director', caseId, suspended.version, 'cancel-commission', {
      motivation: 'De cliënt ziet af van de commissie.',
    });
    const moved = resumed.deadlines.find((d) => d.clock === 'antwoord-bestuur')!;
    expect(moved.status).toBe('running');
    expect(Date.parse(moved.due) - Date.parse(running.due)).toBe(5 * DAY_MS);
    const job = (await jobsOf(caseId)).find((j) => j.clock === 'antwoord-bestuur')!;
    expect(job.version).toBe(resumed.version);

    // The day after the old due date passes quietly; the day after the new one the term expires.
    server.clock.advanceTo(new Date(Date.parse(amsterdamMidnight(running.due)) + DAY_MS + 60_000));
    await worker.drain();
    const quiet = await look();
    expect(
      quiet.timeline.filter((e) => e.type === 'clock-changed' && e.payload['change'] === 'expired'),
    ).toHaveLength(0);
    server.clock.advanceTo(new Date(Date.parse(amsterdamMidnight(moved.due)) + DAY_MS + 60_000));
    await worker.drain();
    const expired = await look();
    expect(expired.deadlines.find((d) => d.clock === 'antwoord-bestuur')!.status).toBe('expired');
    expect(
      expired.timeline.filter(
        (e) => e.type === 'clock-changed' && e.payload['change'] === 'expired' && e.bySystem,
      ),
    ).toHaveLength(1);
  });
});
