import { randomUUID } from 'node:crypto';
import { amsterdamDate } from '@klachtpad/procedures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  fileComplaintAs,
  grantConfidant,
  holdMeetingAs,
  performActionsAs,
} from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';

const NAME = /* GraphQL */ `
  mutation Name($caseId: ID!, $subjectId: ID!, $partIds: [String!]) {
    nameComplaintSubject(caseId: $caseId, subjectId: $subjectId, partIds: $partIds) {
      id
      version
      subjectIds
    }
  }
`;
const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      version
      subjectIds
      parts {
        id
        summary
        subjectIds
      }
      timeline {
        type
        visibility
      }
      availableActions {
        id
      }
    }
  }
`;
interface SeenCase {
  version: number;
  subjectIds: string[] | null;
  parts: { id: string; summary: string; subjectIds: string[] | null }[];
  timeline: { type: string; visibility: string }[];
  availableActions: { id: string }[];
}

/**
 * Naming whom a complaint is about after filing (ADR 0097), at Bureau MHR: a client filed in the
 * portal and described the employee in words, so the mediation talk the procedure requires
 * (client and the person complained about invited, minutes signed) could never be held.
 */
describe('naming whom a complaint is about', () => {
  let server: TestServer;
  let mhr: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;

  const as = (name: string) => ({ token: tokens[name], organisation: mhr.slug });
  const person = (name: string) => mhr.people[name]!.id;
  const name = (who: string, variables: Record<string, unknown>, actor = as(who)) =>
    server.gql<{ nameComplaintSubject: { version: number; subjectIds: string[] } }>(
      NAME,
      { caseId, ...variables },
      actor,
    );
  const seenBy = async (who: string) =>
    (await server.gql<{ case: SeenCase | null }>(CASE, { id: caseId }, as(who))).data?.case ?? null;

  beforeAll(async () => {
    server = await startTestServer({ env: { SESSION_IDLE_MINUTES: '240' } });
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      director: ['director'],
      handler: ['handler'],
    });
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    for (const who of Object.keys(mhr.people)) tokens[who] = await signIn(server, mhr.people[who]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    // As the portal files it: the person is described in words, nobody is named by account.
    caseId = await fileComplaintAs(server, as('client'), {
      parts: [
        { summary: 'Mijn begeleider schreeuwde tegen mij.' },
        { summary: 'Niemand belde mij terug.' },
      ],
    });
    await assignHandlerAs(server, as('manager'), caseId, person('handler'));
    await grantConfidant(server, mhr, caseId, person('confidant'));
  });
  afterAll(() => server.close());

  it('answers everyone who may not name the subject exactly as for a case that is not there, and changes nothing', async () => {
    const before = await seenBy('manager');
    const absent = await server.gql(
      NAME,
      { caseId: randomUUID(), subjectId: person('employee') },
      as('manager'),
    );
    expect(absent.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const refusals = [
      await name('client', { subjectId: person('employee') }),
      await name('confidant', { subjectId: person('employee') }),
      // A handler the case is not assigned to, and the employee themselves.
      await name('handler2', { subjectId: person('employee') }),
      await name('employee', { subjectId: person('handler2') }),
      // Another organisation, with its own session and with this one's slug.
      await name(
        'otherDirector',
        { subjectId: person('employee') },
        {
          token: tokens.otherDirector,
          organisation: other.slug,
        },
      ),
    ];
    for (const refused of refusals) {
      expect(refused.data).toBeNull();
      expect(refused.errors?.map((error) => [error.message, error.extensions?.code])).toEqual(
        absent.errors?.map((error) => [error.message, error.extensions?.code]),
      );
    }
    expect(await seenBy('manager')).toEqual(before);
  });

  it('refuses the client, the case’s own handler, a stranger and an unknown part, naming the field', async () => {
    const before = await seenBy('manager');
    const field = async (variables: Record<string, unknown>) => {
      const answer = await name('handler', variables);
      expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      // Checked by the input's schema (`fields`) or, with the case in hand, by the service (`field`).
      const extensions = answer.errors?.[0]?.extensions ?? {};
      return extensions.field ?? (extensions.fields as { path: string }[] | undefined)?.[0]?.path;
    };
    expect(await field({ subjectId: person('client') })).toBe('subjectId');
    expect(await field({ subjectId: person('handler') })).toBe('subjectId');
    expect(await field({ subjectId: other.people.handler!.id })).toBe('subjectId');
    expect(await field({ subjectId: person('employee'), partIds: ['p9'] })).toBe('partIds');
    expect(await field({ subjectId: person('employee'), partIds: [] })).toBe('partIds');
    expect(await field({ subjectId: 'niet-een-id' })).toBe('subjectId');
    expect(await seenBy('manager')).toEqual(before);
  });

  it('names the employee on every part, for staff only, and recuses them as staff at once', async () => {
    const before = (await seenBy('handler'))!;
    const named = await name('handler', { subjectId: person('employee') });
    expect(named.errors).toBeUndefined();
    expect(named.data?.nameComplaintSubject).toMatchObject({
      version: before.version + 1,
      subjectIds: [person('employee')],
    });
    const staff = (await seenBy('handler'))!;
    expect(staff.parts.map((part) => part.subjectIds)).toEqual([
      [person('employee')],
      [person('employee')],
    ]);
    expect(staff.timeline.at(-1)).toEqual({ type: 'subject-named', visibility: 'internal' });

    // The client side sees no trace of whom staff named.
    const client = (await seenBy('client'))!;
    expect(client.timeline.map((entry) => entry.type)).not.toContain('subject-named');
    expect(client.subjectIds).toBeNull();

    // The employee now sees the case as its subject: the parts about them, nothing internal,
    // and no staff action on it.
    const subject = (await seenBy('employee'))!;
    expect(subject.parts.map((part) => part.summary)).toEqual([
      'Mijn begeleider schreeuwde tegen mij.',
      'Niemand belde mij terug.',
    ]);
    expect(subject.timeline.filter((entry) => entry.visibility !== 'subject')).toEqual([]);
    expect(subject.availableActions).toEqual([]);
    const asStaff = await name('employee', { subjectId: person('handler2') });
    expect(asStaff.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Naming them again changes nothing.
    const again = await name('manager', { subjectId: person('employee') });
    expect(again.data?.nameComplaintSubject.version).toBe(before.version + 1);
  });

  it('lets the mediation talk be held and recorded, which needs the subject invited', async () => {
    const version = (await seenBy('handler'))!.version;
    await performActionsAs(server, caseId, version, [
      [as('handler'), 'inform-subject', { 'informed-on': amsterdamDate(server.clock.now()) }],
    ]);
    await holdMeetingAs(
      server,
      as('handler'),
      caseId,
      ['client', 'employee', 'handler'].map((who) => ({ id: person(who), actor: as(who) })),
      'Gesproken; geen overeenstemming.',
    );
    const ready = (await seenBy('handler'))!;
    expect(ready.availableActions.map((action) => action.id)).toContain('record-mediation');
    await performActionsAs(server, caseId, ready.version, [
      [as('handler'), 'record-mediation', { result: 'mislukt' }],
    ]);
  });
});
