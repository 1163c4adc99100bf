import { amsterdamDate, amsterdamMidnight } from '@klachtpad/procedures';
import { describe, expect, it } from 'vitest';
import { CaseEvent } from '../../src/modules/cases/case-event.entity.js';
import { countRows, performActionsAs, uploadDocumentAs } from '../casework-fixtures.js';
import { notificationsAs } from '../notification-operations.js';
import { arrangeSeedWalk, routeTo, walkRoute } from '../route-walk.js';
import { ACT } from './operations.js';

/**
 * Seed 002 (De Kleine Ontmoeting) through the API, the steps its text asks beyond the stages the
 * seed walk reaches: the client's wish for feedback asked at filing and honoured before closing;
 * the second talk planned within its two weeks or refused; the team-meeting agenda with an
 * action list the directie sees; the two weeks' expiry told to the directie.
 */
const DAY_MS = 86_400_000;

const LOOK = /* GraphQL */ `
  query Look($id: ID!) {
    case(id: $id) {
      version
      closed
      flags
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
      actionInputs {
        action
        inputs {
          id
          value
        }
      }
      measures {
        description
        owner
        due
        status
      }
    }
  }
`;

interface Look {
  version: number;
  closed: boolean;
  flags: string[] | null;
  stages: { stage: string }[];
  deadlines: { clock: string; status: string; due: string }[];
  availableActions: { id: string }[];
  actionInputs: { action: string; inputs: { id: string; value: unknown }[] }[];
  measures: { description: string; owner: string | null; due: string; status: string }[];
}

interface Acted {
  performAction: {
    __typename: string;
    case?: { version: number };
    code?: string;
    reasons?: { message: { en: string } }[];
  };
}

describe('De Kleine Ontmoeting (seed 002): the steps its text asks, through the API', () => {
  const walk = arrangeSeedWalk('kleine-ontmoeting', {
    client: ['client'],
    client2: ['client'],
    handler: ['handler'],
    employee: ['handler'],
    manager: ['manager'],
    director: ['director'],
  });
  const { as, procedure } = walk;

  const look = async (caseId: string, actor: string, organisation = walk.org) =>
    (await walk.server.gql<{ case: Look | null }>(LOOK, { id: caseId }, as(actor, organisation)))
      .data?.case ?? null;
  const act = (
    actor: string,
    caseId: string,
    version: number,
    action: string,
    payload: Record<string, unknown>,
  ) =>
    walk.server.gql<Acted>(
      ACT,
      { input: { caseId, action, expectedVersion: version, payload } },
      as(actor),
    );
  const told = (name: string, caseId: string, organisation = walk.org) =>
    notificationsAs(walk.server, as(name, organisation), caseId);
  const inDays = (days: number) =>
    amsterdamDate(new Date(walk.server.clock.now().getTime() + days * DAY_MS));

  /** A complaint the directie has: reported on the form; filed with or without the wish. */
  async function withTheDirectie(flags: string[]) {
    const { caseId, version } = await walkRoute(
      walk.server,
      procedure,
      routeTo(walk.server, procedure, 'intern:directie-terugkoppeling'),
      as,
      walk.org,
      { flags, subjectIds: [walk.org.people.employee!.id] },
    );
    const form = await uploadDocumentAs(
      walk.server,
      as('handler'),
      caseId,
      'internal',
      'melding.txt',
    );
    return {
      caseId,
      version: await performActionsAs(walk.server, caseId, version, [
        [as('handler'), 'report-to-directie', { form: [form] }],
      ]),
    };
  }

  it('asks at filing whether the client wants feedback, and closes only after the directie gave it', async () => {
    const { caseId, version: reported } = await withTheDirectie(['wil-terugkoppeling']);
    // Staff see the wish the client ticked; the client side holds no staff view of flags.
    expect((await look(caseId, 'director'))!.flags).toContain('wil-terugkoppeling');
    expect((await look(caseId, 'client'))!.flags).toBeNull();

    const minutes = await uploadDocumentAs(
      walk.server,
      as('handler'),
      caseId,
      'internal',
      'notulen.txt',
    );
    const onAgenda = await performActionsAs(walk.server, caseId, reported, [
      [
        as('handler'),
        'put-on-team-agenda',
        {
          'meeting-on': inDays(3),
          actions: [{ description: 'Rooster vooraf delen', owner: 'Teamleider', due: inDays(30) }],
        },
      ],
      [as('director'), 'record-team-feedback', { minutes: [minutes] }],
    ]);

    // Closing waits for the feedback the client asked for; nothing is written meanwhile.
    const events = await countRows(walk.server, walk.org, CaseEvent);
    const early = await act('director', caseId, onAgenda, 'close-with-measures', {});
    expect(early.data!.performAction).toMatchObject({ __typename: 'ActionRefused' });
    expect(early.data!.performAction.reasons!.map((r) => r.message.en)).toEqual([
      'The client wants to hear what was done with the complaint: feed that back first.',
    ]);
    expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);
    expect((await look(caseId, 'director'))!.version).toBe(onAgenda);

    // Only the directie gives it: the begeleider is not offered it, and an empty text is refused.
    expect((await look(caseId, 'handler'))!.availableActions.map((a) => a.id)).not.toContain(
      'give-feedback',
    );
    expect((await look(caseId, 'director'))!.availableActions.map((a) => a.id)).toContain(
      'give-feedback',
    );
    const empty = await act('director', caseId, onAgenda, 'give-feedback', {
      how: 'brief',
      feedback: '',
    });
    expect(empty.data!.performAction).toMatchObject({ __typename: 'ActionRefused' });
    expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);

    const feedback = 'Roosterwijzigingen bespreken wij voortaan vooraf met u.';
    const closed = await performActionsAs(walk.server, caseId, onAgenda, [
      [as('director'), 'give-feedback', { how: 'gesprek', feedback }],
      [as('director'), 'close-with-measures', {}],
    ]);
    // The client gets it: told, and able to read what the directie wrote.
    const client = (await look(caseId, 'client'))!;
    expect(client).toMatchObject({ version: closed, closed: true });
    const given = client.actionInputs.find((entry) => entry.action === 'give-feedback')!;
    expect(given.inputs).toContainEqual({ id: 'feedback', value: feedback });
    expect((await told('client', caseId)).map((n) => n.message.en)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('The management feeds the outcome and the measures back to you.'),
      ]),
    );
    // Another client of the organisation and another organisation's directie see nothing.
    expect(await look(caseId, 'client2')).toBeNull();
    expect(await look(caseId, 'director', walk.other)).toBeNull();
  });

  it('offers no feedback step when the client did not ask; the client may still ask for it later', async () => {
    const { caseId, version } = await withTheDirectie([]);
    expect((await look(caseId, 'director'))!.flags ?? []).not.toContain('wil-terugkoppeling');
    expect((await look(caseId, 'director'))!.availableActions.map((a) => a.id)).not.toContain(
      'give-feedback',
    );
    // Asking is the client's own act: staff are not offered it.
    expect((await look(caseId, 'handler'))!.availableActions.map((a) => a.id)).not.toContain(
      'ask-for-feedback',
    );
    const refused = await act('director', caseId, version, 'ask-for-feedback', {});
    expect(refused.data!.performAction.__typename).toBe('ActionRefused');
    const asked = await performActionsAs(walk.server, caseId, version, [
      [as('client'), 'ask-for-feedback', {}],
    ]);
    const director = (await look(caseId, 'director'))!;
    expect(director.version).toBe(asked);
    expect(director.flags).toContain('wil-terugkoppeling');
    expect(director.availableActions.map((a) => a.id)).toContain('give-feedback');
    expect((await told('director', caseId)).map((n) => n.message.en)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('The client wants to hear what was done with the complaint.'),
      ]),
    );
  });

  it('refuses a second talk planned beyond its two weeks, and tells the directie when they pass', async () => {
    const { caseId, version } = await walkRoute(
      walk.server,
      procedure,
      routeTo(walk.server, procedure, 'intern:tweede-vervolggesprek'),
      as,
      walk.org,
      { subjectIds: [walk.org.people.employee!.id] },
    );
    const term = (await look(caseId, 'handler'))!.deadlines.find(
      (d) => d.clock === 'tweede-gesprek-termijn',
    )!;
    expect(term.status).toBe('running');
    const events = await countRows(walk.server, walk.org, CaseEvent);
    const dayAfter = amsterdamDate(
      new Date(Date.parse(amsterdamMidnight(term.due)) + DAY_MS * 1.5),
    );
    const late = await act('handler', caseId, version, 'plan-second-talk', {
      'planned-on': dayAfter,
    });
    expect(late.data!.performAction).toMatchObject({
      __typename: 'ActionRefused',
      code: 'invalid-input',
    });
    expect(late.data!.performAction.reasons!.map((r) => r.message.en).join(' ')).toContain(
      'falls after the end of the term',
    );
    expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);
    expect((await look(caseId, 'handler'))!.version).toBe(version);
    // On its last day it is accepted, and the client may read the date.
    const planned = await performActionsAs(walk.server, caseId, version, [
      [as('handler'), 'plan-second-talk', { 'planned-on': term.due }],
    ]);
    const client = (await look(caseId, 'client'))!;
    expect(client.version).toBe(planned);
    expect(
      client.actionInputs.find((entry) => entry.action === 'plan-second-talk')!.inputs,
    ).toContainEqual({ id: 'planned-on', value: term.due });

    // The talk does not happen and the two weeks pass: the directie hears it, as does the begeleider.
    const worker = await walk.server.startWorker([walk.org]);
    walk.server.clock.advanceTo(
      new Date(Date.parse(amsterdamMidnight(term.due)) + DAY_MS + 60_000),
    );
    await worker.drain();
    const expired = (await look(caseId, 'director'))!;
    expect(expired.deadlines.find((d) => d.clock === 'tweede-gesprek-termijn')!.status).toBe(
      'expired',
    );
    const notice = 'The second follow-up talk should have taken place within two weeks.';
    expect((await told('director', caseId)).map((n) => n.message.en)).toEqual(
      expect.arrayContaining([expect.stringContaining(notice)]),
    );
    expect((await told('handler', caseId)).map((n) => n.message.en)).toEqual(
      expect.arrayContaining([expect.stringContaining(notice)]),
    );
    // The person complained about and another organisation hear nothing of it.
    expect((await told('employee', caseId)).map((n) => n.message.en)).not.toEqual(
      expect.arrayContaining([expect.stringContaining(notice)]),
    );
    expect(await told('director', caseId, walk.other)).toEqual([]);
  });

  it('puts the complaint on the team-meeting agenda with an action list the directie sees', async () => {
    const { caseId, version } = await withTheDirectie([]);
    // An agenda item without its action list is refused, and writes nothing.
    const events = await countRows(walk.server, walk.org, CaseEvent);
    const bare = await act('handler', caseId, version, 'put-on-team-agenda', {
      'meeting-on': inDays(2),
    });
    expect(bare.data!.performAction).toMatchObject({
      __typename: 'ActionRefused',
      code: 'missing-input',
    });
    const ownerless = await act('handler', caseId, version, 'put-on-team-agenda', {
      'meeting-on': inDays(2),
      actions: [{ description: 'Rooster vooraf delen', due: inDays(30) }],
    });
    expect(ownerless.data!.performAction.__typename).toBe('ActionRefused');
    expect(await countRows(walk.server, walk.org, CaseEvent)).toBe(events);

    const actions = [
      { description: 'Rooster vooraf met ouders delen', owner: 'Teamleider', due: inDays(21) },
      { description: 'Overdracht bij ziekte afspreken', owner: 'Begeleider', due: inDays(35) },
    ];
    const onAgenda = await performActionsAs(walk.server, caseId, version, [
      [as('handler'), 'put-on-team-agenda', { 'meeting-on': inDays(2), actions }],
    ]);
    // The directie sees the action list, who does what by when, and is told it is on the agenda.
    const director = (await look(caseId, 'director'))!;
    expect(director.version).toBe(onAgenda);
    expect(director.measures).toEqual(actions.map((action) => ({ ...action, status: 'OPEN' })));
    expect((await told('director', caseId)).map((n) => n.message.en)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('A complaint with its action list is on the team meeting agenda.'),
      ]),
    );
    // Once on the agenda it is not put there twice.
    expect(director.availableActions.map((a) => a.id)).not.toContain('put-on-team-agenda');
    // The client learns what will be done, never who inside does it; the person complained
    // about, another client and another organisation see no action list.
    expect((await look(caseId, 'client'))!.measures).toEqual(
      actions.map((action) => ({ ...action, owner: null, status: 'OPEN' })),
    );
    expect((await look(caseId, 'employee'))?.measures ?? []).toEqual([]);
    expect(await look(caseId, 'client2')).toBeNull();
    expect(await look(caseId, 'director', walk.other)).toBeNull();
  });
});
