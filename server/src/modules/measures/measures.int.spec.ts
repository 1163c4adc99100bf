import { amsterdamDate, addDays } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  countRows,
  fileComplaintAs,
  grantConfidant,
  referToCommission,
} from '../../../test/casework-fixtures.js';
import {
  addMembership,
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { COMPLETE_MEASURE } from '../../../test/scenarios/operations.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { MeasureCompletion } from './measure-completion.entity.js';

const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      version
      parts {
        id
      }
      measures {
        id
        description
        due
        status
        completedOn
        owner
        proof
        completedById
      }
      timeline {
        type
      }
    }
  }
`;
const TIMELINE = /* GraphQL */ `
  query Timeline($id: ID!) {
    case(id: $id) {
      timeline {
        type
        payload
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

interface MeasureSeen {
  id: string;
  description: string;
  due: string;
  status: string;
  completedOn: string | null;
  owner: string | null;
  proof: string | null;
  completedById: string | null;
}
interface Seen {
  case: {
    version: number;
    parts: { id: string }[];
    measures: MeasureSeen[];
    timeline: { type: string }[];
  } | null;
}

/**
 * A Wkkgz decision with two measures: one owned by the handler by name, one by "Teamleider".
 * Staff track them to completion with proof; the client side sees what was promised and whether
 * it was done; the employee complained about and a commission do not see them.
 */
describe('measures tracked to completion', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  let commission: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let otherCaseId: string;
  let today: string;

  const as = (name: string) => ({ token: tokens[name], organisation: org.slug });
  const person = (name: string) => org.people[name]!.id;
  const seenBy = async (name: string) =>
    (await server.gql<Seen>(CASE, { id: caseId }, as(name))).data?.case ?? null;
  const complete = (name: string, input: Record<string, unknown>) =>
    server.gql<{ completeMeasure: Record<string, unknown> }>(
      COMPLETE_MEASURE,
      { input: { caseId, proof: 'Besproken in het teamoverleg van maandag.', ...input } },
      as(name),
    );
  const signInEveryone = async () => {
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    tokens.member = await signIn(server, commission.people.member!);
  };

  beforeAll(async () => {
    server = await startTestServer();
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      handler2: ['handler'],
      handler3: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      client: ['client'],
    });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    await addMembership(server.ownerOrm, org.id, commission.people.member!.id, ['commission']);
    await publishTemplate(server.ownerOrm, org, 'wkkgz', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'wkkgz', other.people.director!);
    await signInEveryone();
    caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Medicatie verkeerd gegeven.' }],
      subjectIds: [person('employee')],
    });
    otherCaseId = await fileComplaintAs(
      server,
      { token: await signIn(server, other.people.client!), organisation: other.slug },
      { parts: [{ summary: 'Elders.' }] },
    );
    await assignHandlerAs(server, as('manager'), caseId, person('handler'));
    await assignHandlerAs(server, as('manager'), caseId, person('handler3'));
    await grantConfidant(server, org, caseId, person('confidant'));
    await referToCommission(server, org, caseId, commission.id);

    today = amsterdamDate(server.clock.now());
    const perform = async (action: string, payload: Record<string, unknown>) => {
      const { version, parts } = (await seenBy('manager'))!;
      const result = await server.gql<{ performAction: { __typename: string } }>(
        PERFORM,
        { input: { caseId, action, expectedVersion: version, payload } },
        as('manager'),
      );
      expect(result.data?.performAction.__typename, JSON.stringify(result)).toBe('CaseChanged');
      return parts;
    };
    const parts = await perform('start-handling', {});
    await perform('record-decision', {
      outcomes: [{ part: parts[0]!.id, outcome: 'gegrond' }],
      reasoning: 'Het protocol is niet gevolgd; wij nemen maatregelen.',
      measures: [
        {
          description: 'Medicatieprotocol opnieuw doornemen met het team',
          owner: person('handler'),
          due: addDays(today, 20),
        },
        { description: 'Dubbele controle invoeren', owner: 'Teamleider', due: addDays(today, 5) },
      ],
    });
  });
  afterAll(() => server.close());

  it('lists the measures as open, with owner for staff and without it for the client side', async () => {
    const manager = (await seenBy('manager'))!.measures;
    expect(manager).toEqual([
      {
        id: 'm1',
        description: 'Medicatieprotocol opnieuw doornemen met het team',
        due: addDays(today, 20),
        status: 'OPEN',
        completedOn: null,
        owner: person('handler'),
        proof: null,
        completedById: null,
      },
      expect.objectContaining({ id: 'm2', owner: 'Teamleider', status: 'OPEN' }),
    ]);
    for (const name of ['client', 'confidant']) {
      const measures = (await seenBy(name))!.measures;
      expect(measures.map((m) => [m.id, m.description, m.due, m.status])).toEqual([
        ['m1', 'Medicatieprotocol opnieuw doornemen met het team', addDays(today, 20), 'OPEN'],
        ['m2', 'Dubbele controle invoeren', addDays(today, 5), 'OPEN'],
      ]);
      expect(measures.every((m) => m.owner === null && m.proof === null)).toBe(true);
    }
  });

  it('never shows a measure’s owner on the client side’s timeline', async () => {
    const timelineOf = async (name: string) => {
      const result = await server.gql<{
        case: { timeline: { type: string; payload: Record<string, unknown> }[] } | null;
      }>(TIMELINE, { id: caseId }, as(name));
      expect(result.errors).toBeUndefined();
      return result.data!.case!.timeline;
    };
    for (const name of ['client', 'confidant', 'manager']) {
      const timeline = await timelineOf(name);
      const recorded = timeline.filter((e) => e.type === 'measure-recorded');
      // What was promised and by when is there; by whom is not, for anyone.
      expect(recorded.map((e) => e.payload.measure)).toEqual([
        expect.objectContaining({ id: 'm1', due: addDays(today, 20) }),
        expect.objectContaining({ id: 'm2', description: 'Dubbele controle invoeren' }),
      ]);
      expect(recorded.every((e) => !('owner' in (e.payload.measure as object)))).toBe(true);
      if (name === 'manager') continue;
      const everything = JSON.stringify(timeline);
      expect(everything).not.toContain('Teamleider');
      expect(everything).not.toContain(person('handler'));
    }
  });

  it('shows no measures to the employee complained about or the commission, and nothing elsewhere', async () => {
    expect((await seenBy('employee'))!.measures).toEqual([]);
    const member = await server.gql<Seen>(
      CASE,
      { id: caseId },
      { token: tokens.member, organisation: org.slug },
    );
    expect(member.data?.case?.measures).toEqual([]);
    expect(await seenBy('handler2')).toBeNull();
    const otherOrganisation = await server.gql<Seen>(
      CASE,
      { id: caseId },
      { token: tokens.otherDirector, organisation: other.slug },
    );
    expect(otherOrganisation.data?.case).toBeNull();
  });

  it('lets the owner complete their measure with proof, once', async () => {
    const done = await complete('handler', { measureId: 'm1' });
    expect(done.data?.completeMeasure).toEqual({
      __typename: 'Measure',
      id: 'm1',
      status: 'DONE',
      completedOn: today,
      proof: 'Besproken in het teamoverleg van maandag.',
      completedById: person('handler'),
    });
    const again = await complete('manager', { measureId: 'm1' });
    expect(again.data?.completeMeasure).toMatchObject({
      __typename: 'MeasureRefused',
      code: 'ALREADY_DONE',
    });
  });

  it('lets nobody but management or the owner complete a measure, as if the case did not exist', async () => {
    const attempts = await Promise.all([
      complete('handler3', { measureId: 'm2' }), // assigned, but not the owner
      complete('handler', { measureId: 'm2' }), // owns m1, not m2
      complete('handler2', { measureId: 'm2' }),
      complete('client', { measureId: 'm2' }),
      complete('confidant', { measureId: 'm2' }),
      complete('employee', { measureId: 'm2' }),
      server.gql(
        COMPLETE_MEASURE,
        { input: { caseId, measureId: 'm2', proof: 'x' } },
        { token: tokens.member, organisation: org.slug },
      ),
      server.gql(
        COMPLETE_MEASURE,
        { input: { caseId, measureId: 'm2', proof: 'x' } },
        { token: tokens.otherDirector, organisation: other.slug },
      ),
    ]);
    for (const attempt of attempts) expect(attempt.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await seenBy('manager'))!.measures[1]!.status).toBe('OPEN');
  });

  it('marks a measure past its due date as overdue until it is done', async () => {
    server.clock.advance(6 * 86_400_000);
    await signInEveryone();
    const overdue = (await seenBy('client'))!.measures.map((m) => m.status);
    expect(overdue).toEqual(['DONE', 'OVERDUE']);
    const late = await complete('manager', {
      measureId: 'm2',
      proof: 'Dubbele controle sinds 1 mei.',
    });
    expect(late.data?.completeMeasure).toMatchObject({ status: 'DONE' });
    const client = (await seenBy('client'))!;
    expect(client.measures.map((m) => [m.status, m.completedOn, m.proof])).toEqual([
      ['DONE', today, null],
      ['DONE', amsterdamDate(server.clock.now()), null],
    ]);
    expect(client.timeline.filter((e) => e.type === 'measure-completed')).toHaveLength(2);
  });

  it('refuses bad input and ids that are no measure of this case, writing nothing', async () => {
    const completions = await countRows(server, org, MeasureCompletion);
    const events = await countRows(server, org, CaseEvent);
    const invalid = [
      { measureId: 'm3', proof: 'a\u0000b' },
      { measureId: 'm3', proof: 'x'.repeat(5001) },
      { measureId: 'm3', proof: '  ' },
      { measureId: caseId }, // an id of another type
      { measureId: 'DROP TABLE' },
      { caseId: 'not-an-id', measureId: 'm1' },
    ];
    for (const input of invalid) {
      const result = await complete('manager', input);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 40)).toBe(
        'BAD_USER_INPUT',
      );
    }
    expect((await complete('manager', { measureId: 'm9' })).errors?.[0]?.extensions?.code).toBe(
      'NOT_FOUND',
    );
    // A case of another organisation, or a person's id, is no case here.
    for (const id of [otherCaseId, person('client')]) {
      const result = await complete('manager', { caseId: id, measureId: 'm1' });
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await countRows(server, org, MeasureCompletion)).toBe(completions);
    expect(await countRows(server, org, CaseEvent)).toBe(events);
  });
});
