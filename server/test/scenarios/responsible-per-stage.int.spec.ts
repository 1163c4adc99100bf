import { randomUUID } from 'node:crypto';
import type { EntityName } from '@mikro-orm/core';
import { amsterdamDate, type CaseFacts, type MeetingFact } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { withBestuurBackfillSql } from '../../src/migrations/0108-directie-reads-only.migration.js';
import { recordRouteFacts } from '../../src/demo/route-facts.js';
import { CaseEvent } from '../../src/modules/cases/case-event.entity.js';
import { advanceCase } from '../../src/modules/cases/case.service.js';
import { Document } from '../../src/modules/documents/document.entity.js';
import { Meeting } from '../../src/modules/meetings/meeting.entity.js';
import { CaseMessage } from '../../src/modules/messages/message.entity.js';
import { CaseAssignment } from '../../src/modules/routing/case-assignment.entity.js';
import { actAs } from '../../src/request/act-as.js';
import {
  assignHandlerAs,
  countRows,
  fileComplaintAs,
  performActionsAs,
  tryUploadDocumentAs,
} from '../casework-fixtures.js';
import {
  addMembership,
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  withOwnerClient,
  type Actor,
  type ArrangedOrganisation,
  type TestServer,
} from '../harness.js';
import { GENERATE_LETTER, type GeneratedLetter } from '../letter-operations.js';
import { CREATE_CLIENT_ACCOUNT } from '../member-operations.js';
import { notificationsAs } from '../notification-operations.js';
import {
  ASSIGN_RESPONSIBLE,
  CREATE_UNIT,
  SET_DIRECTOR_POSITION,
  SET_STAGE_ROUTE,
  SET_UNIT_MEMBERS,
  arrangeAs,
  responsibleSeenBy,
  type Responsibility,
} from '../routing-operations.js';
import { ACT, ASSIGN, LINK, POST_MESSAGE, SCHEDULE_MEETING } from './operations.js';

const ACCESS_LOG = /* GraphQL */ `
  query AccessLog($caseId: ID!) {
    accessLog(caseId: $caseId) {
      who
      action
      outcome
      role
    }
  }
`;

const RESPONSIBLE_FOR_ME = /* GraphQL */ `
  query Mine($wanted: Boolean!) {
    cases(first: 100, filter: { responsibleForMe: $wanted }) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

/** What a reader sees of a case's items. */
const READ_CASE = /* GraphQL */ `
  query ReadCase($id: ID!) {
    case(id: $id) {
      messages {
        body
      }
      timeline {
        visibility
      }
      documents {
        id
      }
      meetings {
        id
      }
    }
  }
`;
interface CaseRead {
  messages: { body: string }[];
  timeline: { visibility: string }[];
  documents: { id: string }[];
  meetings: { id: string }[];
}

const INTERNAL_NOTE = 'Notitie van het bestuur: eerst het dossier opvragen.';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Someone is responsible for every stage (issue 8 §2, ADR 0098), walked through the API on the
 * seed procedures: the leidinggevende of the employee's team gets the complaint about them (seed
 * 000), the begeleider who took a complaint down works it at once (seed 002), the commission's
 * hand-back reaches the klachtbemiddelaar (seed 001), a complaint about the directie is the
 * bestuur's and a forward leaves the directie reading only (seed 003). A refused assignment is
 * logged as refused; another organisation and the roles that should not see a case see nothing.
 */
describe('the person responsible at each stage', () => {
  let server: TestServer;
  let mo: ArrangedOrganisation;
  let ko: ArrangedOrganisation;
  let vt: ArrangedOrganisation;
  let mhr: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens = new Map<string, string>();
  const as = (organisation: ArrangedOrganisation, name: string): Actor => ({
    token: tokens.get(`${organisation.slug}.${name}`),
    organisation: organisation.slug,
  });
  const id = (organisation: ArrangedOrganisation, name: string) => organisation.people[name]!.id;
  const seen = (organisation: ArrangedOrganisation, name: string, caseId: string) =>
    responsibleSeenBy(server, as(organisation, name), caseId);
  const responsibleOf = async (
    organisation: ArrangedOrganisation,
    caseId: string,
    reader = 'director',
  ) => (await seen(organisation, reader, caseId))?.responsible;
  const act = async (actor: Actor, caseId: string, action: string, payload = {}) => {
    const before = await responsibleSeenBy(server, actor, caseId);
    const result = await server.gql<{ performAction: { __typename: string } }>(
      ACT,
      { input: { caseId, action, expectedVersion: before!.version, payload } },
      actor,
    );
    return result.data?.performAction.__typename;
  };
  const today = () => amsterdamDate(server.clock.now());
  /** Runs service work as a person at the story's moment (meetings and minutes; time running). */
  const asPerson =
    (organisation: ArrangedOrganisation) =>
    <T>(userId: string, work: Parameters<typeof actAs<T>>[3]) =>
      actAs(
        { orm: server.runtimeOrm, config: server.config, log: createLogger('silent') },
        { userId, organisationSlug: organisation.slug },
        server.clock.now(),
        work,
      );

  beforeAll(async () => {
    server = await startTestServer({ env: LONG_SESSIONS });
    mo = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      werkernoord: ['handler'],
      werkerzuid: ['handler'],
      handler: ['handler'],
      managernoord: ['manager'],
      managerzuid: ['manager'],
      teamleider: ['manager'],
      director: ['director'],
    });
    ko = await arrangeOrganisation(server.ownerOrm, {
      begeleider: ['handler'],
      colleague: ['handler'],
      director: ['director'],
    });
    vt = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      begeleider: ['handler'],
      bemiddelaar: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      {
        kind: 'commission',
      },
    );
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      handler: ['handler'],
      employee: ['handler'],
      colleague: ['handler'],
      directeur: ['director'],
      bestuurder: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      manager: ['manager'],
      handler: ['handler'],
    });
    await publishTemplate(server.ownerOrm, mo, 'mo', mo.people.director!);
    await publishTemplate(server.ownerOrm, ko, 'kleine-ontmoeting', ko.people.director!);
    await publishTemplate(server.ownerOrm, vt, 'veilig-thuis', vt.people.director!);
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.directeur!);
    await publishTemplate(server.ownerOrm, other, 'mo', other.people.director!);
    await addMembership(server.ownerOrm, vt.id, commission.people.member!.id, ['commission']);
    for (const organisation of [mo, ko, vt, mhr, other])
      for (const [name, person] of Object.entries(organisation.people))
        tokens.set(`${organisation.slug}.${name}`, await signIn(server, person));
    tokens.set(`${vt.slug}.member`, await signIn(server, commission.people.member!));

    // MO's teams: each employee in the team of their own leidinggevende.
    for (const [team, manager, employee] of [
      ['Team Noord', 'managernoord', 'werkernoord'],
      ['Team Zuid', 'managerzuid', 'werkerzuid'],
    ] as const) {
      const { createUnit } = await arrangeAs<{ createUnit: { id: string } }>(
        server,
        as(mo, 'director'),
        CREATE_UNIT,
        { name: team, managerId: id(mo, manager) },
      );
      await arrangeAs(server, as(mo, 'director'), SET_UNIT_MEMBERS, {
        unitId: createUnit.id,
        memberIds: [id(mo, employee)],
      });
    }
    await arrangeAs(server, as(mo, 'director'), SET_STAGE_ROUTE, {
      stage: 'leidinggevende',
      byUnit: true,
      defaultAssigneeId: id(mo, 'teamleider'),
    });
    // Bureau MHR tells its directie and bestuur apart; each sets the other's position.
    await arrangeAs(server, as(mhr, 'directeur'), SET_DIRECTOR_POSITION, {
      userId: id(mhr, 'bestuurder'),
      position: 'BESTUUR',
    });
    await arrangeAs(server, as(mhr, 'bestuurder'), SET_DIRECTOR_POSITION, {
      userId: id(mhr, 'directeur'),
      position: 'DIRECTIE',
    });
  });
  afterAll(() => server.close());

  const routedTo = (userId: string, stage: string, how = 'ROUTED') =>
    expect.objectContaining({ stage, assigneeId: userId, how } satisfies Partial<Responsibility>);

  it('routes the leidinggevende stage to the manager of the involved employee’s team, else the default', async () => {
    const aboutZuid = await fileComplaintAs(server, as(mo, 'client'), {
      entry: 'officieel',
      category: 'klacht',
      subjectIds: [id(mo, 'werkerzuid')],
      parts: [{ summary: 'Mijn begeleider kwam drie keer niet opdagen.' }],
    });
    const aboutNobody = await fileComplaintAs(server, as(mo, 'client'), {
      entry: 'officieel',
      category: 'klacht',
      parts: [{ summary: 'De wachtlijst wordt niet bijgehouden.' }],
    });
    expect(await responsibleOf(mo, aboutZuid)).toEqual([
      {
        track: 'intern',
        stage: 'leidinggevende',
        role: 'MANAGER',
        position: null,
        assigneeId: id(mo, 'managerzuid'),
        assigneeName: 'managerzuid',
        how: 'ROUTED',
      },
    ]);
    expect(await responsibleOf(mo, aboutNobody)).toEqual([
      routedTo(id(mo, 'teamleider'), 'leidinggevende'),
    ]);
    // The manager it went to hears of it; the other team's manager does not.
    const heard = async (name: string) =>
      (await notificationsAs(server, as(mo, name), aboutZuid)).filter(
        (node) => node.kind === 'handler-assigned',
      ).length;
    expect(await heard('managerzuid')).toBe(1);
    expect(await heard('managernoord')).toBe(0);

    // The next manager's stage follows the team too (no rule of its own: a manager's stage does).
    expect(
      await act(as(mo, 'managerzuid'), aboutZuid, 'schedule-meeting', { 'meeting-on': today() }),
    ).toBe('CaseChanged');
    expect(await responsibleOf(mo, aboutZuid)).toEqual([
      routedTo(id(mo, 'managerzuid'), 'gesprek'),
    ]);

    // Who works the complaint is staff's to know: the client reads the case, not this.
    expect((await seen(mo, 'client', aboutZuid))?.responsible).toBeNull();
    // The employee complained about is recused; another organisation sees no case at all.
    expect((await seen(mo, 'werkerzuid', aboutZuid))?.responsible).toBeNull();
    expect(await responsibleSeenBy(server, as(other, 'director'), aboutZuid)).toBeNull();
  });

  it('filters the inbox to the cases the viewer is responsible for now', async () => {
    const aboutZuid = await fileComplaintAs(server, as(mo, 'client'), {
      entry: 'officieel',
      category: 'klacht',
      subjectIds: [id(mo, 'werkerzuid')],
      parts: [{ summary: 'Niemand belde terug.' }],
    });
    const aboutNobody = await fileComplaintAs(server, as(mo, 'client'), {
      entry: 'officieel',
      category: 'klacht',
      parts: [{ summary: 'De tuin wordt niet onderhouden.' }],
    });
    // The informal talk is a handler's stage no rule routes: the case's handler answers for it.
    const informal = await fileComplaintAs(server, as(mo, 'client'), {
      entry: 'informeel',
      category: 'klacht',
      parts: [{ summary: 'Het eten was koud.' }],
    });
    await assignHandlerAs(server, as(mo, 'teamleider'), informal, id(mo, 'handler'));
    const mine = async (organisation: ArrangedOrganisation, name: string, wanted = true) => {
      const answer = await server.gql<{ cases: { edges: { node: { id: string } }[] } }>(
        RESPONSIBLE_FOR_ME,
        { wanted },
        as(organisation, name),
      );
      expect(answer.errors, name).toBeUndefined();
      const ids = answer.data!.cases.edges.map(({ node }) => node.id);
      return [aboutZuid, aboutNobody, informal].filter((caseId) => ids.includes(caseId));
    };
    expect(await mine(mo, 'managerzuid')).toEqual([aboutZuid]);
    expect(await mine(mo, 'teamleider')).toEqual([aboutNobody]);
    expect(await mine(mo, 'handler')).toEqual([informal]);
    expect(await mine(mo, 'managernoord')).toEqual([]);
    expect(await mine(mo, 'director')).toEqual([]);
    // The others: what the viewer may see and is not responsible for.
    expect(await mine(mo, 'managerzuid', false)).toEqual([aboutNobody, informal]);
    // The client, the employee complained about and another organisation answer for nothing.
    expect(await mine(mo, 'client')).toEqual([]);
    expect(await mine(mo, 'werkerzuid')).toEqual([]);
    expect(await mine(other, 'director')).toEqual([]);
    expect(await mine(other, 'director', false)).toEqual([]);
  });

  it('lets a manager or director assign the stage, and logs every refused assignment as refused', async () => {
    const caseId = await fileComplaintAs(server, as(mo, 'client'), {
      entry: 'officieel',
      category: 'klacht',
      subjectIds: [id(mo, 'werkernoord')],
      parts: [{ summary: 'Er werd over mij gepraat waar anderen bij waren.' }],
    });
    expect(await responsibleOf(mo, caseId)).toEqual([
      routedTo(id(mo, 'managernoord'), 'leidinggevende'),
    ]);
    const assign = (who: Actor, input: Record<string, unknown>) =>
      server.gql<{ assignResponsible: { responsible: Responsibility[] } }>(
        ASSIGN_RESPONSIBLE,
        { input: { caseId, ...input } },
        who,
      );
    const assigned = await assign(as(mo, 'managernoord'), { userId: id(mo, 'teamleider') });
    expect(assigned.errors).toBeUndefined();
    expect(assigned.data?.assignResponsible.responsible).toEqual([
      expect.objectContaining({ assigneeId: id(mo, 'teamleider'), how: 'ASSIGNED' }),
    ]);
    const before = await seen(mo, 'director', caseId);

    const code = async (who: Actor, input: Record<string, unknown>) => {
      const answer = await assign(who, input);
      expect(answer.data).toBeNull();
      const extensions = answer.errors?.[0]?.extensions ?? {};
      return [
        extensions.code,
        extensions.field ?? (extensions.fields as { path: string }[] | undefined)?.[0]?.path,
      ];
    };
    // The employee complained about, a handler for a manager's stage, a person of another
    // organisation, a track the case is not in, a malformed id.
    const director = as(mo, 'director');
    expect(await code(director, { userId: id(mo, 'werkernoord') })).toEqual([
      'BAD_USER_INPUT',
      'userId',
    ]);
    expect(await code(director, { userId: id(mo, 'handler') })).toEqual([
      'BAD_USER_INPUT',
      'userId',
    ]);
    expect(await code(director, { userId: id(other, 'manager') })).toEqual([
      'BAD_USER_INPUT',
      'userId',
    ]);
    expect(await code(director, { userId: id(mo, 'managerzuid'), track: 'extern' })).toEqual([
      'BAD_USER_INPUT',
      'track',
    ]);
    expect(await code(director, { userId: 'niet-een-id' })).toEqual(['BAD_USER_INPUT', 'userId']);
    // Those who may not assign: as for a case that is not there.
    for (const who of [as(mo, 'handler'), as(mo, 'client'), as(other, 'director')])
      expect(await code(who, { userId: id(mo, 'managerzuid') })).toEqual(['NOT_FOUND', undefined]);
    expect(await code(director, { caseId: randomUUID(), userId: id(mo, 'managerzuid') })).toEqual([
      'NOT_FOUND',
      undefined,
    ]);
    expect(await seen(mo, 'director', caseId)).toEqual(before);

    // The client's "who looked at my file": the one assignment that happened is allowed, every
    // refused one (past the case gate or not) is denied.
    const log = await server.gql<{ accessLog: { action: string; outcome: string }[] }>(
      ACCESS_LOG,
      { caseId },
      as(mo, 'client'),
    );
    const assignments = log.data!.accessLog.filter((line) => line.action === 'assign-responsible');
    expect(assignments.filter((line) => line.outcome === 'allowed')).toHaveLength(1);
    // Four refusals after the gate and two at it (the malformed id never reached it; another
    // organisation's attempt is in that organisation's log).
    expect(assignments.filter((line) => line.outcome === 'denied')).toHaveLength(6);
  });

  it('lets the begeleider who took a complaint down for a walk-in client see and work it at once (seed 002)', async () => {
    const begeleider = as(ko, 'begeleider');
    const account = await server.gql<{ createClientAccount: { member: { userId: string } } }>(
      CREATE_CLIENT_ACCOUNT,
      { input: { displayName: 'Mevrouw De Wit' } },
      begeleider,
    );
    const clientId = account.data!.createClientAccount.member.userId;
    const caseId = await fileComplaintAs(server, begeleider, {
      clientId,
      channel: 'in-person',
      entry: 'begeleider',
      parts: [{ summary: 'Mondeling: de maaltijden komen steeds te laat.' }],
    });
    const own = await seen(ko, 'begeleider', caseId);
    expect(own?.handlerIds).toEqual([id(ko, 'begeleider')]);
    expect(own?.responsible).toEqual([routedTo(id(ko, 'begeleider'), 'begeleider', 'REGISTERED')]);
    expect(own?.availableActions.map((a) => a.id)).toEqual(
      expect.arrayContaining(['solve-directly', 'plan-follow-up']),
    );
    expect(await act(begeleider, caseId, 'plan-follow-up', { 'planned-on': today() })).toBe(
      'CaseChanged',
    );
    // A colleague is no handler of it, and another organisation's handler sees nothing.
    expect(await seen(ko, 'colleague', caseId)).toBeNull();
    expect(await responsibleSeenBy(server, as(other, 'handler'), caseId)).toBeNull();
  });

  it('assigns the klachtbemiddelaar when the commission hands the case back for mediation (seed 001)', async () => {
    const linked = await server.gql(
      LINK,
      {
        input: {
          commissionId: 'externe-klachtencommissie',
          commissionOrganisation: commission.slug,
          termDays: 180,
        },
      },
      as(vt, 'director'),
    );
    expect(linked.errors).toBeUndefined();
    await arrangeAs(server, as(vt, 'director'), SET_STAGE_ROUTE, {
      stage: 'bemiddeling',
      byUnit: false,
      defaultAssigneeId: id(vt, 'bemiddelaar'),
    });
    const caseId = await fileComplaintAs(server, as(vt, 'client'), {
      entry: 'commissie',
      subjectIds: [id(vt, 'begeleider')],
      parts: [{ summary: 'Het gezinsplan is zonder overleg gewijzigd.' }],
    });
    expect(await seen(vt, 'bemiddelaar', caseId)).toBeNull();
    const commissionMember = as(vt, 'member');
    expect(
      await act(commissionMember, caseId, 'assess-mediation', {
        possible: 'ja',
        motivation: 'Er heeft nog geen bemiddeling plaatsgevonden; die is nog mogelijk.',
      }),
    ).toBe('CaseChanged');
    const handedBack = await seen(vt, 'bemiddelaar', caseId);
    expect(handedBack?.handlerIds).toContain(id(vt, 'bemiddelaar'));
    expect(handedBack?.responsible).toEqual([routedTo(id(vt, 'bemiddelaar'), 'bemiddeling')]);
    expect(handedBack?.availableActions.map((a) => a.id)).toContain('record-mediation');
    // The employee the complaint is about is never the one it is handed to.
    expect(handedBack?.handlerIds).not.toContain(id(vt, 'begeleider'));
  });

  /** Bureau MHR up to the written complaint: subject informed, mediation held and failed. */
  const toWrittenComplaint = async (subject: string, flags: string[]) => {
    const caseId = await fileComplaintAs(server, as(mhr, 'client'), {
      entry: 'melding',
      subjectIds: [id(mhr, subject)],
      flags,
      parts: [{ summary: 'Mijn re-integratieplan werd zonder mij besproken.' }],
    });
    // The bestuur assigns the handler: a directeur the complaint is about is recused from it.
    await assignHandlerAs(server, as(mhr, 'bestuurder'), caseId, id(mhr, 'handler'));
    let version = (await seen(mhr, 'handler', caseId))!.version;
    version = await performActionsAs(server, caseId, version, [
      [as(mhr, 'handler'), 'inform-subject', { 'informed-on': today() }],
    ]);
    const meeting: MeetingFact = {
      id: 'bemiddelingsgesprek',
      kind: 'meeting',
      on: today(),
      invited: ['client', 'subject', 'handler'],
      present: ['client', 'subject', 'handler'],
    };
    const facts: CaseFacts = { meetings: [meeting] };
    await recordRouteFacts(asPerson(mhr), caseId, facts, {
      client: id(mhr, 'client'),
      subject: id(mhr, subject),
      handler: id(mhr, 'handler'),
    });
    version = (await seen(mhr, 'handler', caseId))!.version;
    await performActionsAs(server, caseId, version, [
      [as(mhr, 'handler'), 'record-mediation', { result: 'mislukt' }],
    ]);
    version = (await seen(mhr, 'handler', caseId))!.version;
    await performActionsAs(server, caseId, version, [
      [
        as(mhr, 'client'),
        'submit-written-complaint',
        {
          complaint: 'Ik dien mijn klacht schriftelijk in.',
          'why-mediation-failed': 'In het gesprek werd mijn kant niet gehoord.',
        },
      ],
    ]);
    return caseId;
  };
  const answer = {
    outcomes: [
      {
        part: 'p1',
        outcome: 'gegrond',
        reasoning: 'Het plan had met de cliënt besproken moeten worden.',
      },
    ],
    answer: 'Wij hebben uw klacht onderzocht en geven u gelijk.',
  };

  it('has the bestuur handle a complaint about the directie, the directie recused (seed 003)', async () => {
    const caseId = await toWrittenComplaint('directeur', ['tegen-directie']);
    const bestuur = await seen(mhr, 'bestuurder', caseId);
    expect(bestuur?.stages).toEqual([{ track: 'intern', stage: 'bestuur' }]);
    expect(bestuur?.responsible).toEqual([
      expect.objectContaining({
        stage: 'bestuur',
        role: 'DIRECTOR',
        position: 'BESTUUR',
        assigneeId: id(mhr, 'bestuurder'),
        how: 'ROUTED',
      }),
    ]);
    expect(bestuur?.availableActions.map((a) => a.id)).toContain('answer-bestuur');
    // The directeur is whom it is about: they read what the hearing needs, never who works it,
    // and cannot answer it.
    const directie = await seen(mhr, 'directeur', caseId);
    expect(directie?.responsible).toBeNull();
    expect(directie?.availableActions.map((a) => a.id)).not.toContain('answer-bestuur');
    expect(await act(as(mhr, 'directeur'), caseId, 'answer-bestuur', answer)).toBe('ActionRefused');
    expect(await act(as(mhr, 'bestuurder'), caseId, 'answer-bestuur', answer)).toBe('CaseChanged');
    // Answered, the complaint is handled: no stage is open any more.
    expect((await seen(mhr, 'bestuurder', caseId))?.stages).toEqual([]);
  });

  /**
   * Forgets `with_bestuur` on the case as a row written before migration 0108 would, runs that
   * migration's backfill for the organisation, and answers whether the directie reads only again.
   * Every other case of the organisation keeps what it had.
   */
  const backfilled = async (caseId: string) => {
    const flags = () =>
      withOwnerClient(async (client) => {
        await client.query(`select set_config('app.organisation_id', $1, false)`, [mhr.id]);
        const { rows } = await client.query<{ id: string; with_bestuur: boolean }>(
          'select id, with_bestuur from cases where organisation_id = $1 order by id',
          [mhr.id],
        );
        return rows;
      });
    const before = await flags();
    await withOwnerClient(async (client) => {
      await client.query(`select set_config('app.organisation_id', $1, false)`, [mhr.id]);
      await client.query(
        'update cases set with_bestuur = false where organisation_id = $1 and id = $2',
        [mhr.id, caseId],
      );
    });
    expect((await seen(mhr, 'directeur', caseId))?.readOnly).toBe(false);
    await withOwnerClient((client) =>
      client.query(withBestuurBackfillSql(`select '${mhr.id}'::uuid`)),
    );
    expect(await flags()).toEqual(before);
    return (await seen(mhr, 'directeur', caseId))?.readOnly;
  };

  it('leaves the directie reading only once its term passed and the complaint went to the bestuur (seed 003)', async () => {
    const caseId = await toWrittenComplaint('employee', []);
    expect(await responsibleOf(mhr, caseId, 'bestuurder')).toEqual([
      expect.objectContaining({
        stage: 'directie',
        position: 'DIRECTIE',
        assigneeId: id(mhr, 'directeur'),
      }),
    ]);
    // While the directie has it, the directie works it.
    expect((await seen(mhr, 'directeur', caseId))?.readOnly).toBe(false);
    // Two weeks pass without an answer: the procedure forwards it to the bestuur.
    server.clock.advance(20 * DAY);
    await asPerson(mhr)(id(mhr, 'handler'), (ctx) => advanceCase(ctx, caseId));
    const directie = await seen(mhr, 'directeur', caseId);
    expect(directie?.stages).toEqual([{ track: 'intern', stage: 'bestuur' }]);
    expect(directie?.responsible).toEqual([
      expect.objectContaining({
        stage: 'bestuur',
        assigneeId: id(mhr, 'bestuurder'),
        how: 'ROUTED',
      }),
    ]);
    // The directie reads the case and is offered nothing to do on it.
    expect(directie?.readOnly).toBe(true);
    expect(directie?.availableActions).toEqual([]);
    expect((await seen(mhr, 'bestuurder', caseId))?.readOnly).toBe(false);

    const directeur = as(mhr, 'directeur');
    const bestuurder = as(mhr, 'bestuurder');
    const written = () =>
      Promise.all(
        [CaseEvent, CaseMessage, Document, Meeting, CaseAssignment].map((entity) =>
          countRows(server, mhr, entity as EntityName<object>),
        ),
      );
    /** Every kind of staff write on the case, as `who`: the error code each answers with. */
    const writes = async (who: Actor) => {
      const code = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
        result.errors?.[0]?.extensions?.code ?? 'OK';
      const version = (await seen(mhr, 'bestuurder', caseId))!.version;
      const upload = await tryUploadDocumentAs(server, who, caseId, 'internal');
      return {
        'internal note': code(
          await server.gql(
            POST_MESSAGE,
            { input: { caseId, body: INTERNAL_NOTE, visibility: 'INTERNAL' } },
            who,
          ),
        ),
        message: code(
          await server.gql(
            POST_MESSAGE,
            {
              input: { caseId, body: 'Wij nemen uw klacht in behandeling.', visibility: 'SHARED' },
            },
            who,
          ),
        ),
        document: upload.status === 201 ? 'OK' : (upload.body.error?.code ?? upload.status),
        meeting: code(
          await server.gql(
            SCHEDULE_MEETING,
            {
              input: {
                caseId,
                kind: 'MEETING',
                startsAt: new Date(server.clock.now().getTime() + 7 * DAY).toISOString(),
                participantIds: [id(mhr, 'client'), id(mhr, 'bestuurder')],
              },
            },
            who,
          ),
        ),
        letter: await server
          .gql<GeneratedLetter>(GENERATE_LETTER, { input: { caseId, kind: 'EXTENSION' } }, who)
          .then((result) => result.data?.generateLetter.__typename ?? code(result)),
        // A step the procedure leaves open to every director, whatever their position.
        action: code(
          await server.gql(
            ACT,
            {
              input: {
                caseId,
                action: 'report-calamity',
                expectedVersion: version,
                payload: { description: 'Een melding die hier niet thuishoort.' },
              },
            },
            who,
          ),
        ),
        assignment: code(
          await server.gql(
            ASSIGN_RESPONSIBLE,
            { input: { caseId, userId: id(mhr, 'bestuurder') } },
            who,
          ),
        ),
        handler: code(await server.gql(ASSIGN, { caseId, handlerId: id(mhr, 'handler') }, who)),
      };
    };
    const everyWrite = (answer: string) => ({
      'internal note': answer,
      message: answer,
      document: answer,
      meeting: answer,
      letter: answer,
      action: answer,
      assignment: answer,
      handler: answer,
    });

    // The directie writes nothing on it: each refusal is the gate's, as for a case not there.
    const before = await written();
    const look = await seen(mhr, 'bestuurder', caseId);
    expect(await writes(directeur)).toEqual(everyWrite('NOT_FOUND'));
    expect(await written()).toEqual(before);
    expect(await seen(mhr, 'bestuurder', caseId)).toEqual(look);
    // Nor does anyone of another organisation, or a member of staff not on the case.
    expect(await writes(as(other, 'director'))).toEqual(everyWrite('NOT_FOUND'));
    expect(await writes(as(mhr, 'colleague'))).toEqual(everyWrite('NOT_FOUND'));
    expect(await written()).toEqual(before);

    // The bestuur does every one of them.
    // (No extension waits for its letter: past the gate, that is the letter's own refusal.)
    expect(await writes(bestuurder)).toEqual({ ...everyWrite('OK'), letter: 'LetterRefused' });
    expect(await written()).not.toEqual(before);

    // The directie still reads all of it, the bestuur's internal note included; another
    // organisation and staff not on the case read nothing.
    const read = (who: Actor) =>
      server.gql<{ case: CaseRead | null }>(READ_CASE, { id: caseId }, who);
    const directieReads = (await read(directeur)).data?.case;
    expect(directieReads?.messages.map((m) => m.body)).toContain(INTERNAL_NOTE);
    expect(directieReads?.timeline.some((e) => e.visibility === 'internal')).toBe(true);
    expect(directieReads?.documents.length).toBeGreaterThan(0);
    expect(directieReads?.meetings.length).toBeGreaterThan(0);
    for (const stranger of [as(other, 'director'), as(mhr, 'colleague')]) {
      const answer = await read(stranger);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.case).toBeNull();
    }

    // A row written before migration 0108 knew nothing of it; the migration mends it from the
    // stage the case is in.
    await expect(backfilled(caseId)).resolves.toBe(true);

    // Answered by the bestuur, the complaint stays the bestuur's: the directie reads, no more.
    expect(await act(bestuurder, caseId, 'answer-bestuur', answer)).toBe('CaseChanged');
    expect((await seen(mhr, 'directeur', caseId))?.readOnly).toBe(true);
    // With no stage open, the migration reads the last director's stage the case entered.
    await expect(backfilled(caseId)).resolves.toBe(true);
    const decisionLetter = (who: Actor) =>
      server
        .gql<GeneratedLetter>(GENERATE_LETTER, { input: { caseId, kind: 'OUTCOME' } }, who)
        .then((r) => r.data?.generateLetter.__typename ?? r.errors?.[0]?.extensions?.code);
    expect(await decisionLetter(directeur)).toBe('NOT_FOUND');
    expect(await decisionLetter(bestuurder)).toBe('LetterGenerated');
    const late = await server.gql(
      POST_MESSAGE,
      { input: { caseId, body: 'Alsnog een notitie.', visibility: 'INTERNAL' } },
      directeur,
    );
    expect(late.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // The client's "who looked at my file" says each of the directie's writes was refused.
    const log = await server.gql<{ accessLog: { who: string; action: string; outcome: string }[] }>(
      ACCESS_LOG,
      { caseId },
      as(mhr, 'client'),
    );
    const refusedWrites = log.data!.accessLog.filter(
      (line) => line.who === 'directeur' && line.action !== 'read',
    );
    expect(refusedWrites.length).toBeGreaterThanOrEqual(9);
    expect(new Set(refusedWrites.map((line) => line.outcome))).toEqual(new Set(['denied']));
    expect(new Set(refusedWrites.map((line) => line.action))).toEqual(
      new Set([
        'post-message',
        'upload-document',
        'schedule-meeting',
        'generate-letter',
        'perform:report-calamity',
        'assign-responsible',
        'assign-handler',
      ]),
    );
  });
});
