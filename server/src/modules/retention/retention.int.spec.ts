import { addDays, amsterdamDate } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  fileComplaintAs,
  grantConfidant,
  referToCommission,
  uploadDocumentAs,
} from '../../../test/casework-fixtures.js';
import {
  addMembership,
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  withOwnerClient,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import type { KlachtpadWorker } from '../../jobs.js';
import { verifyAccessLog } from '../access-log/access-log-chain.js';

const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      id
      version
      closed
      clientId
      category
      receivedOn
      parts {
        id
        summary
        outcome
      }
      measures {
        description
        due
      }
      timeline {
        type
        payload
      }
      messages {
        body
      }
      documents {
        id
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query {
    cases(first: 50) {
      edges {
        node {
          id
        }
      }
    }
  }
`;
const PERFORM = /* GraphQL */ `
  mutation Perform($input: PerformActionInput!) {
    performAction(input: $input) {
      __typename
    }
  }
`;
const POST_MESSAGE = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
    }
  }
`;
const SET_PERIOD = /* GraphQL */ `
  mutation Period($months: Int!) {
    setRetentionPeriod(months: $months) {
      retentionMonths
    }
  }
`;
const ME = /* GraphQL */ `
  query {
    me {
      activeOrganisation {
        retentionMonths
      }
    }
  }
`;
const DUE = /* GraphQL */ `
  query {
    casesDueForAnonymisation {
      caseId
      reference
      closedOn
      anonymiseOn
      referralRunning
      hold {
        reason
        setById
      }
    }
  }
`;
const SET_HOLD = /* GraphQL */ `
  mutation Hold($input: SetRetentionHoldInput!) {
    setRetentionHold(input: $input) {
      reason
      setById
    }
  }
`;
const LIFT_HOLD = /* GraphQL */ `
  mutation Lift($caseId: ID!) {
    liftRetentionHold(caseId: $caseId)
  }
`;
const REGISTER = /* GraphQL */ `
  query Register($year: Int!) {
    complaintsRegister(year: $year) {
      cases {
        count
        suppressed
      }
      parts {
        count
        suppressed
      }
      byCategory {
        key
        count
        suppressed
      }
      byOutcome {
        key
        count
        suppressed
      }
      byLeadTime {
        key
        count
        suppressed
      }
    }
  }
`;

interface Me {
  me: { activeOrganisation: { retentionMonths: number } };
}
interface CaseSeen {
  id: string;
  version: number;
  closed: boolean;
  clientId: string | null;
  category: string | null;
  receivedOn: string;
  parts: { id: string; summary: string; outcome: string | null }[];
  measures: { description: string; due: string }[];
  timeline: { type: string; payload: Record<string, unknown> }[];
  messages: { body: string }[];
  documents: { id: string }[];
}
interface Due {
  caseId: string;
  reference: string;
  closedOn: string;
  anonymiseOn: string;
  referralRunning: boolean;
  hold: { reason: string; setById: string } | null;
}

/** What identifies the client and the employee in what they wrote. */
const NAME = 'Jansen';

/**
 * A care home keeps closed complaints for a year. On the day a case's year is over the job
 * anonymises it — unless a commission still judges it or the director holds it — and the
 * register, the stage timings and the access log come through unchanged.
 */
describe('retention and anonymisation', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  let worker: KlachtpadWorker;
  const tokens: Record<string, string> = {};
  let decided: string;
  let referred: string;
  let held: string;
  const withdrawn: string[] = [];
  let anonymiseOn: string;
  let registerBefore: unknown;
  let registerRowsBefore: unknown;
  let logBefore: { id: string; case_id: string | null; client_id: string | null }[];

  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });
  const person = (name: string) => org.people[name]!.id;
  const seen = async (name: string, id: string) =>
    (await server.gql<{ case: CaseSeen | null }>(CASE, { id }, as(name))).data?.case ?? null;
  const perform = async (name: string, caseId: string, action: string, payload: object) => {
    const { version } = (await seen(name, caseId))!;
    const result = await server.gql<{ performAction: { __typename: string } }>(
      PERFORM,
      { input: { caseId, action, expectedVersion: version, payload } },
      as(name),
    );
    expect(result.data?.performAction.__typename, JSON.stringify(result)).toBe('CaseChanged');
  };
  const due = async (name: string, organisation = org.slug) =>
    server.gql<{ casesDueForAnonymisation: Due[] }>(
      DUE,
      {},
      {
        token: tokens[name],
        organisation,
      },
    );
  const dueList = async () => (await due('director')).data!.casesDueForAnonymisation;
  const runRetention = () => worker.runTask('anonymise-cases');
  const register = async () =>
    (
      await server.gql(
        REGISTER,
        { year: Number(amsterdamDate(server.clock.now()).slice(0, 4)) },
        as('director'),
      )
    ).data;
  /** A statement as the schema owner, scoped to the organisation (RLS holds for the owner too). */
  const owner = <T>(sql: string, values: unknown[] = []) =>
    withOwnerClient(async (client) => {
      await client.query('begin');
      await client.query(`select set_config('app.organisation_id', $1, true)`, [org.id]);
      const { rows } = await client.query(sql, values);
      await client.query('commit');
      return rows as T[];
    });
  const registerRows = () =>
    owner(
      `select c.case_id, c.year, c.category, c.lead_time,
              (select json_agg(p.outcome order by p.part_number) from complaint_register_parts p
                where p.organisation_id = c.organisation_id and p.case_id = c.case_id) as outcomes
         from complaint_register_cases c where c.organisation_id = $1 order by c.case_id`,
      [org.id],
    );
  const accessLog = () =>
    owner<{ id: string; case_id: string | null; client_id: string | null }>(
      'select id::text, case_id, client_id from access_log where organisation_id = $1 order by id',
      [org.id],
    );
  /** Rows of the case, anywhere, that still carry what people wrote. */
  const textLeft = async (caseId: string) => {
    const [row] = await owner<Record<string, number>>(
      `select
         (select count(*) from cases where id = $1 and state::text ilike $2)::int as state,
         (select count(*) from case_events where case_id = $1 and payload::text ilike $2)::int as events,
         (select count(*) from case_messages where case_id = $1)::int as messages,
         (select count(*) from documents where case_id = $1)::int as documents,
         (select count(*) from confidant_grants where case_id = $1)::int as grants,
         (select count(*) from notifications where case_id = $1)::int as notifications,
         (select count(*) from case_measure_completions where case_id = $1 and proof ilike $2)::int
           as proofs`,
      [caseId, `%${NAME}%`],
    );
    return row;
  };
  const nothingLeft = {
    state: 0,
    events: 0,
    messages: 0,
    documents: 0,
    grants: 0,
    notifications: 0,
    proofs: 0,
  };
  /** Moves the clock to a moment of that day in Amsterdam (03:00 or 04:00 local). */
  const moveToDay = (day: string) => {
    server.clock.advanceTo(new Date(`${day}T02:00:00Z`));
    expect(amsterdamDate(server.clock.now())).toBe(day);
  };

  beforeAll(async () => {
    server = await startTestServer({ env: LONG_SESSIONS });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, org.id, commission.people.member!.id, ['commission']);
    await publishTemplate(server.ownerOrm, org, 'wkkgz', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'wkkgz', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    worker = await server.startWorker([org, other]);

    // A complaint with everything in it: text, a subject, a confidant, a message, a document,
    // a decision with reasons and a measure, accepted by the client.
    decided = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: `Mevrouw ${NAME} kreeg de verkeerde medicatie.` }],
      subjectIds: [person('employee')],
    });
    await assignHandlerAs(server, as('manager'), decided, person('handler'));
    await grantConfidant(server, org, decided, person('confidant'));
    const posted = await server.gql(
      POST_MESSAGE,
      {
        input: {
          caseId: decided,
          body: `Ik ben de dochter van mevrouw ${NAME}.`,
          visibility: 'SHARED',
        },
      },
      as('client'),
    );
    expect(posted.errors).toBeUndefined();
    await uploadDocumentAs(server, as('client'), decided, 'shared', `verslag-${NAME}.txt`);
    await perform('manager', decided, 'start-handling', {});
    const [part] = (await seen('manager', decided))!.parts;
    await perform('manager', decided, 'record-decision', {
      outcomes: [{ part: part!.id, outcome: 'gegrond' }],
      reasoning: `Het protocol is bij mevrouw ${NAME} niet gevolgd.`,
      measures: [
        {
          description: `Protocol doornemen met het team van mevrouw ${NAME}`,
          owner: 'Teamleider',
          due: addDays(amsterdamDate(server.clock.now()), 20),
        },
      ],
    });
    await perform('client', decided, 'accept-decision', {});
    expect((await seen('client', decided))!.closed).toBe(true);

    // Enough withdrawn complaints for the register to show its counts instead of hiding them.
    for (let i = 0; i < 5; i += 1) {
      const id = await fileComplaintAs(server, as('client'), {
        parts: [{ summary: `Klacht ${i} van ${NAME}.` }],
      });
      await perform('client', id, 'withdraw', { reason: `${NAME} trekt de klacht in.` });
      withdrawn.push(id);
    }
    referred = await fileComplaintAs(server, as('client'), { parts: [{ summary: NAME }] });
    await perform('client', referred, 'withdraw', { reason: NAME });
    held = await fileComplaintAs(server, as('client'), { parts: [{ summary: NAME }] });
    await perform('client', held, 'withdraw', { reason: NAME });
  });
  afterAll(() => server.close());

  it('lets the director set the retention term within its bounds, and nobody else', async () => {
    expect(
      (await server.gql<Me>(ME, {}, as('client'))).data?.me.activeOrganisation.retentionMonths,
    ).toBe(24);
    for (const months of [11, 241, 0]) {
      const refused = await server.gql(SET_PERIOD, { months }, as('director'));
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    for (const name of ['handler', 'manager', 'client']) {
      const refused = await server.gql(SET_PERIOD, { months: 12 }, as(name));
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Nothing was written by the refusals: the default still stands.
    expect(
      (await server.gql<Me>(ME, {}, as('director'))).data?.me.activeOrganisation.retentionMonths,
    ).toBe(24);
    const set = await server.gql<{ setRetentionPeriod: { retentionMonths: number } }>(
      SET_PERIOD,
      { months: 12 },
      as('director'),
    );
    expect(set.data?.setRetentionPeriod.retentionMonths).toBe(12);
  });

  it('shows the director the cases due within 30 days, and no one else', async () => {
    // Just closed: a year to go, nothing due yet.
    expect(await dueList()).toEqual([]);
    const [row] = await owner<{ on: string }>(
      `select (closed_on + interval '12 months')::date::text as on from case_retention
        where case_id = $1`,
      [decided],
    );
    anonymiseOn = row!.on;
    const closedOn = amsterdamDate(server.clock.now());
    expect(anonymiseOn.slice(4)).toBe(closedOn.slice(4));
    expect(Number(anonymiseOn.slice(0, 4))).toBe(Number(closedOn.slice(0, 4)) + 1);

    moveToDay(addDays(anonymiseOn, -31));
    expect(await dueList()).toEqual([]);
    moveToDay(addDays(anonymiseOn, -29));
    const list = await dueList();
    expect(list.map((c) => c.caseId).sort()).toEqual(
      [decided, referred, held, ...withdrawn].sort(),
    );
    expect(list.every((c) => c.anonymiseOn === anonymiseOn && c.closedOn === closedOn)).toBe(true);
    expect(list.every((c) => c.hold === null && !c.referralRunning)).toBe(true);

    for (const name of ['handler', 'manager', 'client', 'confidant']) {
      expect((await due(name)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // Another organisation's director sees their own (empty) list, never this one's.
    const elsewhere = await due('otherDirector', other.slug);
    expect(elsewhere.data?.casesDueForAnonymisation).toEqual([]);
    // And asking as a member of this organisation without being one is refused outright.
    expect((await due('otherDirector')).data?.casesDueForAnonymisation).toBeUndefined();
  });

  it('lets only this organisation’s director hold a case, with a reason', async () => {
    const hold = (name: string, input: Record<string, unknown>, organisation = org.slug) =>
      server.gql<{ setRetentionHold: { reason: string; setById: string } }>(
        SET_HOLD,
        { input },
        { token: tokens[name], organisation },
      );
    for (const reason of ['', '  ', 'x'.repeat(501)]) {
      const refused = await hold('director', { caseId: held, reason });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    for (const name of ['handler', 'manager', 'client']) {
      const refused = await hold(name, { caseId: held, reason: 'Ik wil het bewaren.' });
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const foreign = await hold(
      'otherDirector',
      { caseId: held, reason: 'Niet van ons.' },
      other.slug,
    );
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await dueList()).every((c) => c.hold === null)).toBe(true);

    const set = await hold('director', {
      caseId: held,
      reason: 'Aansprakelijkstelling door de familie aangekondigd.',
    });
    expect(set.data?.setRetentionHold).toEqual({
      reason: 'Aansprakelijkstelling door de familie aangekondigd.',
      setById: person('director'),
    });
    const listed = (await dueList()).find((c) => c.caseId === held);
    expect(listed?.hold?.reason).toBe('Aansprakelijkstelling door de familie aangekondigd.');

    // The director's act is on the timeline and in the access log, as the director's.
    const [event] = await owner<{ actor_id: string }>(
      `select actor_id from case_events where case_id = $1 and type = 'retention-hold-set'`,
      [held],
    );
    expect(event?.actor_id).toBe(person('director'));
    const lines = await owner<{ user_id: string; outcome: string }>(
      `select user_id, outcome from access_log
        where case_id = $1 and action = 'set-retention-hold' order by id`,
      [held],
    );
    expect(lines.filter((line) => line.outcome === 'allowed')).toEqual([
      { user_id: person('director'), outcome: 'allowed' },
    ]);
    expect(lines.filter((line) => line.outcome === 'denied').length).toBeGreaterThanOrEqual(3);
  });

  it('keeps a case whole while a referral runs', async () => {
    await referToCommission(server, org, referred, commission.id);
    const listed = (await dueList()).find((c) => c.caseId === referred);
    expect(listed?.referralRunning).toBe(true);
  });

  it('anonymises nothing the day before it is due', async () => {
    await server.sealAccessLog();
    registerBefore = await register();
    registerRowsBefore = await registerRows();
    logBefore = await accessLog();
    moveToDay(addDays(anonymiseOn, -1));
    await runRetention();
    const client = await seen('client', decided);
    expect(client?.parts[0]?.summary).toContain(NAME);
    expect(client?.messages.map((m) => m.body)).toEqual([`Ik ben de dochter van mevrouw ${NAME}.`]);
    expect((await textLeft(decided))!.messages).toBe(1);
  });

  it('anonymises on the day: parties, text, documents and letters go; what is counted stays', async () => {
    const staffBefore = (await seen('director', decided))!;
    moveToDay(anonymiseOn);
    await runRetention();

    expect(await textLeft(decided)).toEqual(nothingLeft);
    for (const id of withdrawn) expect(await textLeft(id)).toEqual(nothingLeft);
    const [row] = await owner<Record<string, unknown>>(
      `select client_id, filed_by_id, subject_ids, confidant_ids, handler_ids, category, closed,
              received_on::text, anonymised_at is not null as anonymised
         from cases where id = $1`,
      [decided],
    );
    expect(row).toEqual({
      client_id: null,
      filed_by_id: null,
      subject_ids: [],
      confidant_ids: [],
      handler_ids: [person('handler')],
      category: staffBefore.category,
      closed: true,
      received_on: staffBefore.receivedOn,
      anonymised: true,
    });

    // Staff still see what was decided and when, without a word anyone wrote.
    const staff = (await seen('director', decided))!;
    expect(staff.clientId).toBeNull();
    expect(staff.parts).toEqual([
      { id: staffBefore.parts[0]!.id, summary: '', outcome: 'gegrond' },
    ]);
    expect(staff.measures).toEqual([{ description: '', due: staffBefore.measures[0]!.due }]);
    expect(staff.messages).toEqual([]);
    expect(staff.documents).toEqual([]);
    expect(staff.timeline.map((e) => e.type)).toEqual([
      ...staffBefore.timeline.map((e) => e.type),
      'case-anonymised',
    ]);
    const stageEntered = staff.timeline.filter((e) => e.type === 'stage-entered');
    expect(stageEntered.map((e) => [e.payload.stage, e.payload.on])).toEqual(
      staffBefore.timeline
        .filter((e) => e.type === 'stage-entered')
        .map((e) => [e.payload.stage, e.payload.on]),
    );
  });

  it('shows the client nothing of an anonymised case: it is gone from their list', async () => {
    expect(await seen('client', decided)).toBeNull();
    expect(await seen('confidant', decided)).toBeNull();
    expect(await seen('employee', decided)).toBeNull();
    const listed = await server.gql<{ cases: { edges: { node: { id: string } }[] } }>(
      LIST,
      {},
      as('client'),
    );
    // Nobody adds to it again: what was erased cannot come back in a message.
    for (const name of ['director', 'handler']) {
      const refused = await server.gql(
        POST_MESSAGE,
        { input: { caseId: decided, body: `Nog iets over ${NAME}.`, visibility: 'INTERNAL' } },
        as(name),
      );
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect(await textLeft(decided)).toEqual(nothingLeft);
    // What is left for them: the cases still kept (the referred and the held one).
    expect(listed.data?.cases.edges.map((e) => e.node.id).sort()).toEqual([referred, held].sort());
  });

  it('leaves the register’s counts for the year exactly as they were', async () => {
    expect(await registerRows()).toEqual(registerRowsBefore);
    expect(await register()).toEqual(registerBefore);
    // Eight cases hide every group under five, so the published register alone would prove
    // little: the rows it counts from are what must not move, and they hold every case.
    const rows = registerRowsBefore as { lead_time: string; outcomes: string[] }[];
    expect(rows).toHaveLength(8);
    expect(rows.flatMap((row) => row.outcomes).sort()).toEqual(
      ['gegrond', ...Array<string>(7).fill('ingetrokken')].sort(),
    );
    expect(rows.every((row) => row.lead_time === 'within-6-weeks')).toBe(true);
  });

  it('keeps every access-log line, pseudonymous ids and all, and the chain verifies', async () => {
    await server.sealAccessLog();
    const after = await accessLog();
    const kept = new Map(after.map((line) => [line.id, line]));
    for (const line of logBefore) expect(kept.get(line.id)).toEqual(line);
    expect(
      after.filter((line) => line.case_id === decided && line.client_id === person('client'))
        .length,
    ).toBeGreaterThan(5);
    const anonymised = await owner<{ user_id: string | null; role: string | null }>(
      `select user_id, role from access_log where case_id = $1 and action = 'anonymise'`,
      [decided],
    );
    expect(anonymised).toEqual([{ user_id: null, role: null }]);
    const verified = await withOwnerClient((client) => verifyAccessLog(client, org.id));
    expect(verified).toMatchObject({ ok: true, unsealed: 0 });
  });

  it('does nothing when it runs again', async () => {
    const before = await owner('select state, updated_at from cases where id = $1', [decided]);
    const events = await owner('select count(*)::int as n from case_events where case_id = $1', [
      decided,
    ]);
    await runRetention();
    expect(await owner('select state, updated_at from cases where id = $1', [decided])).toEqual(
      before,
    );
    expect(
      await owner('select count(*)::int as n from case_events where case_id = $1', [decided]),
    ).toEqual(events);
  });

  it('keeps the held and the referred case until their hold ends', async () => {
    expect((await textLeft(referred))!.state).toBe(1);
    expect((await textLeft(held))!.state).toBe(1);
    expect(await seen('client', referred)).not.toBeNull();
    expect(await seen('client', held)).not.toBeNull();
    // Still listed for the director, each with what keeps it.
    const list = await dueList();
    expect(list.map((c) => [c.caseId, c.hold !== null, c.referralRunning]).sort()).toEqual(
      [
        [referred, false, true],
        [held, true, false],
      ].sort(),
    );
  });

  it('anonymises the referred case once the referral has ended', async () => {
    await owner(`update referrals set ended_at = $2, end_reason = 'staff' where case_id = $1`, [
      referred,
      server.clock.now(),
    ]);
    await owner(`update cases set commission_ids = '{}' where id = $1`, [referred]);
    await runRetention();
    expect(await textLeft(referred)).toEqual(nothingLeft);
    expect(await seen('client', referred)).toBeNull();
    expect((await textLeft(held))!.state).toBe(1);
  });

  it('anonymises the held case once the director lifts the hold, and says who lifted it', async () => {
    for (const name of ['handler', 'client']) {
      const refused = await server.gql(LIFT_HOLD, { caseId: held }, as(name));
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    await runRetention();
    expect((await textLeft(held))!.state).toBe(1);
    const lifted = await server.gql<{ liftRetentionHold: string }>(
      LIFT_HOLD,
      { caseId: held },
      as('director'),
    );
    expect(lifted.data?.liftRetentionHold).toBe(held);
    const again = await server.gql(LIFT_HOLD, { caseId: held }, as('director'));
    expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const [event] = await owner<{ actor_id: string }>(
      `select actor_id from case_events where case_id = $1 and type = 'retention-hold-lifted'`,
      [held],
    );
    expect(event?.actor_id).toBe(person('director'));
    const [line] = await owner<{ user_id: string }>(
      `select user_id from access_log
        where case_id = $1 and action = 'lift-retention-hold' and outcome = 'allowed'`,
      [held],
    );
    expect(line?.user_id).toBe(person('director'));

    await runRetention();
    expect(await textLeft(held)).toEqual(nothingLeft);
    expect(await dueList()).toEqual([]);
    // A hold on what is gone is refused: there is nothing left to keep.
    const late = await server.gql(
      SET_HOLD,
      { input: { caseId: held, reason: 'Te laat.' } },
      as('director'),
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await register()).toEqual(registerBefore);
    await server.sealAccessLog();
    const verified = await withOwnerClient((client) => verifyAccessLog(client, org.id));
    expect(verified).toMatchObject({ ok: true, unsealed: 0 });
  });
});
