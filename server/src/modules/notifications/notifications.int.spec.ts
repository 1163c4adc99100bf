import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  fileComplaintAs,
  RECORD_ATTENDANCE,
  RECORD_MINUTES,
  SCHEDULE_MEETING,
} from '../../../test/casework-fixtures.js';
import {
  addMembership,
  arrangeOrganisation,
  LONG_SESSIONS,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import {
  NOTIFICATIONS,
  notificationsAs,
  type NotificationNode,
} from '../../../test/notification-operations.js';

const MARK_READ = /* GraphQL */ `
  mutation Read($ids: [ID!]!) {
    markNotificationsRead(ids: $ids) {
      id
      readAt
    }
  }
`;
const AUTHORISE = /* GraphQL */ `
  mutation Authorise($input: AuthoriseConfidantInput!) {
    authoriseConfidant(input: $input) {
      live
    }
  }
`;
const CASE = /* GraphQL */ `
  query Case($id: ID!) {
    case(id: $id) {
      reference
    }
  }
`;

interface Inbox {
  notifications: {
    totalCount: number;
    unreadCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: NotificationNode }[];
  };
}

describe('notifications in the app', () => {
  let server: TestServer;
  let org: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  const as = (name: string, organisation = org) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });
  const inbox = async (name: string, organisation = org) => {
    const result = await server.gql<Inbox>(NOTIFICATIONS, { first: 50 }, as(name, organisation));
    expect(result.errors).toBeUndefined();
    return result.data!.notifications;
  };
  const kinds = async (name: string, caseId: string) =>
    (await notificationsAs(server, as(name), caseId)).map((node) => node.kind);

  beforeAll(async () => {
    server = await startTestServer({ env: LONG_SESSIONS });
    org = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      handler2: ['handler'],
      manager: ['manager'],
      director: ['director'],
      employee: ['handler'],
    });
    other = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      manager: ['manager'],
      director: ['director'],
    });
    await publishTemplate(server.ownerOrm, org, 'wkkgz', org.people.director!);
    await publishTemplate(server.ownerOrm, other, 'wkkgz', other.people.director!);
    for (const name of Object.keys(org.people))
      tokens[name] = await signIn(server, org.people[name]!);
    tokens.outsider = await signIn(server, other.people.manager!);
    await addMembership(server.ownerOrm, other.id, org.people.confidant!.id, ['confidant']);
  });
  afterAll(() => server.close());

  it('tells the client and the confidant who filed for them that the complaint is in, with its reference, and the manager that a new one came in', async () => {
    const authorised = await server.gql(
      AUTHORISE,
      { input: { confidantId: org.people.confidant!.id, scopes: ['view', 'submit'] } },
      as('client'),
    );
    expect(authorised.errors).toBeUndefined();
    const caseId = await fileComplaintAs(server, as('confidant'), {
      clientId: org.people.client!.id,
      parts: [{ summary: 'Mijn dossier is zonder toestemming gedeeld.' }],
      subjectIds: [org.people.employee!.id],
    });
    const reference = (
      await server.gql<{ case: { reference: string } }>(CASE, { id: caseId }, as('manager'))
    ).data!.case.reference;

    for (const name of ['client', 'confidant']) {
      const received = (await inbox(name)).edges.find(
        (e) => e.node.caseId === caseId && e.node.kind === 'complaint-received',
      )!;
      expect(received.node.reference).toBe(reference);
      expect(received.node.message.nl).toContain(reference);
      // The complaint's own words never travel in a notification.
      expect(JSON.stringify(received)).not.toContain('zonder toestemming');
    }
    expect(await kinds('manager', caseId)).toEqual(['complaint-filed']);
    // Staff not on the case, the complaint's subject and another organisation hear nothing.
    expect(await kinds('handler', caseId)).toEqual([]);
    expect(await kinds('employee', caseId)).toEqual([]);
    expect((await inbox('outsider', other)).totalCount).toBe(0);
    // Nor does the confidant in the other organisation they also serve.
    expect((await inbox('confidant', other)).totalCount).toBe(0);
  });

  it('tells a handler they were assigned, and the people invited to a meeting and those who must sign its minutes', async () => {
    const caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Niet teruggebeld.' }],
    });
    await assignHandlerAs(server, as('manager'), caseId, org.people.handler!.id);
    expect(await kinds('handler', caseId)).toEqual(['handler-assigned']);
    expect(await kinds('handler2', caseId)).toEqual([]);

    const startsAt = new Date(server.clock.now().getTime() + 86_400_000);
    const meeting = await server.gql<{ scheduleMeeting: { id: string } }>(
      SCHEDULE_MEETING,
      {
        input: {
          caseId,
          kind: 'MEETING',
          startsAt: startsAt.toISOString(),
          participantIds: [org.people.client!.id, org.people.handler!.id],
        },
      },
      as('handler'),
    );
    expect(meeting.errors).toBeUndefined();
    const meetingId = meeting.data!.scheduleMeeting.id;
    const invitation = (await inbox('client')).edges.find(
      (e) => e.node.caseId === caseId && e.node.kind === 'meeting-invitation',
    )!;
    expect(invitation.node.message.nl).toContain('uitgenodigd');
    // The one who planned it is not told of their own plan.
    expect(await kinds('handler', caseId)).toEqual(['handler-assigned']);

    server.clock.advanceTo(new Date(startsAt.getTime() + 3_600_000));
    for (const [query, input] of [
      [
        RECORD_ATTENDANCE,
        { meetingId, presentIds: [org.people.client!.id, org.people.handler!.id] },
      ],
      [RECORD_MINUTES, { meetingId, text: 'Wij hebben gesproken over het terugbellen.' }],
    ] as const) {
      const result = await server.gql(query, { input }, as('handler'));
      expect(result.errors).toBeUndefined();
    }
    expect((await kinds('client', caseId)).sort()).toEqual([
      'complaint-received',
      'meeting-invitation',
      'minutes-to-sign',
    ]);
    // The handler recorded the minutes and signs them, but is not told to.
    expect(await kinds('handler', caseId)).toEqual(['handler-assigned']);
  });

  it('marks only the viewer’s own notifications read, harmlessly twice, and answers another person’s id as not found', async () => {
    const caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Te laat.' }],
    });
    const mine = (await inbox('client')).edges.find((e) => e.node.caseId === caseId)!.node;
    const theirs = (await inbox('manager')).edges.find((e) => e.node.caseId === caseId)!.node;
    const before = await inbox('client');

    const first = await server.gql<{ markNotificationsRead: { id: string; readAt: string }[] }>(
      MARK_READ,
      { ids: [mine.id] },
      as('client'),
    );
    expect(first.errors).toBeUndefined();
    const readAt = first.data!.markNotificationsRead[0]!.readAt;
    expect(readAt).not.toBeNull();
    const again = await server.gql<{ markNotificationsRead: { id: string; readAt: string }[] }>(
      MARK_READ,
      { ids: [mine.id] },
      as('client'),
    );
    expect(again.data!.markNotificationsRead[0]!.readAt).toBe(readAt);
    expect((await inbox('client')).unreadCount).toBe(before.unreadCount - 1);

    // Someone else's id, alone or among the viewer's own: not found, and nothing is marked.
    for (const ids of [[theirs.id], [theirs.id, mine.id], ['not-an-id']]) {
      const refused = await server.gql(MARK_READ, { ids }, as('client'));
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const fromOtherOrganisation = await server.gql(
      MARK_READ,
      { ids: [mine.id] },
      as('outsider', other),
    );
    expect(fromOtherOrganisation.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(
      (await inbox('manager')).edges.find((e) => e.node.id === theirs.id)!.node.readAt,
    ).toBeNull();
  });

  it('pages through the notifications newest first', async () => {
    const all = await inbox('client');
    expect(all.totalCount).toBeGreaterThan(2);
    const firstPage = await server.gql<Inbox>(NOTIFICATIONS, { first: 2 }, as('client'));
    const page = firstPage.data!.notifications;
    expect(page.edges).toHaveLength(2);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await server.gql<Inbox>(
      NOTIFICATIONS,
      { first: 50, after: page.pageInfo.endCursor },
      as('client'),
    );
    expect([...page.edges, ...next.data!.notifications.edges].map((e) => e.node.id)).toEqual(
      all.edges.map((e) => e.node.id),
    );
  });
});
