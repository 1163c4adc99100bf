import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  fileComplaintAs,
  RECORD_ATTENDANCE,
  RECORD_MINUTES,
  referToCommission,
  SCHEDULE_MEETING,
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
import { withTenantTransaction } from '../../core/db/tenant-session.js';
import { MeetingAudience } from '../meetings/meeting.entity.js';

const MINUTE = 60_000;

const POST = /* GraphQL */ `
  mutation Post($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      visibility
    }
  }
`;
const END = /* GraphQL */ `
  mutation End($caseId: ID!, $referralId: ID!) {
    endReferral(caseId: $caseId, referralId: $referralId) {
      active
    }
  }
`;
/** What the commission workspace reads of a case (web/src/features/commission). */
const WORKSPACE_CASE = /* GraphQL */ `
  query WorkspaceCase($id: ID!) {
    case(id: $id) {
      id
      handlerIds
      clientId
      confidantGrants {
        id
      }
      messages {
        id
        body
      }
      meetings {
        id
        kind
        minutes {
          text
        }
      }
      timeline {
        type
      }
      referrals {
        id
        active
      }
    }
  }
`;
const LIST = /* GraphQL */ `
  query {
    cases(first: 50) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`;

interface Seen {
  id: string;
  handlerIds: string[] | null;
  clientId: string | null;
  confidantGrants: unknown[] | null;
  messages: { id: string; body: string }[];
  meetings: { id: string; kind: string; minutes: { text: string } | null }[];
  timeline: { type: string }[];
  referrals: { id: string; active: boolean }[] | null;
}

/**
 * The commission workspace's reads and writes on a referred case, told from every side: the
 * commission asks for information and sees the hearing the organisation plans for it; the client
 * side and staff read the request; another organisation, a commission whose referral ended, and
 * the client and handler of another case see none of it.
 */
describe('the commission workspace on a referred case', () => {
  let server: TestServer;
  let commission: ArrangedOrganisation;
  let mhr: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let otherCaseId: string;
  let requestId: string;
  let hearingId: string;
  let mediationId: string;

  const as = (name: string, organisation: ArrangedOrganisation = mhr) => ({
    token: tokens[name],
    organisation: organisation.slug,
  });
  const person = (name: string) => mhr.people[name]!.id;
  const soon = () => new Date(server.clock.now().getTime() + 60 * MINUTE).toISOString();
  const seen = async (name: string, organisation: ArrangedOrganisation = mhr, id = caseId) => {
    const result = await server.gql<{ case: Seen | null }>(
      WORKSPACE_CASE,
      { id },
      as(name, organisation),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.case;
  };
  const listed = async (name: string, organisation: ArrangedOrganisation = mhr) => {
    const result = await server.gql<{ cases: { edges: { node: { id: string } }[] } }>(
      LIST,
      {},
      as(name, organisation),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.cases.edges.map((edge) => edge.node.id);
  };
  const ask = (name: string, body: string, organisation: ArrangedOrganisation = mhr) =>
    server.gql<{ postMessage: { id: string; visibility: string } }>(
      POST,
      { input: { caseId, body, visibility: 'SHARED' } },
      as(name, organisation),
    );
  const schedule = (name: string, kind: string, participantIds: string[]) => {
    server.clock.advance(MINUTE);
    return server.gql<{ scheduleMeeting: { id: string } }>(
      SCHEDULE_MEETING,
      { input: { caseId, kind, startsAt: soon(), location: 'Zaal 1', participantIds } },
      as(name),
    );
  };

  beforeAll(async () => {
    server = await startTestServer({ env: { SESSION_IDLE_MINUTES: '240' } });
    commission = await arrangeOrganisation(
      server.ownerOrm,
      { member: ['commission'] },
      { kind: 'commission' },
    );
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      handler: ['handler'],
      handler2: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    // The commission serves Bureau MHR and the other organisation alike.
    for (const served of [mhr, other])
      await addMembership(server.ownerOrm, served.id, commission.people.member!.id, ['commission']);
    tokens.member = await signIn(server, commission.people.member!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    for (const name of Object.keys(mhr.people))
      tokens[name] = await signIn(server, mhr.people[name]!);
    caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Mijn herstelplan is zonder overleg gewijzigd.' }],
    });
    otherCaseId = await fileComplaintAs(server, as('client2'), {
      parts: [{ summary: 'Een klacht die niet naar de commissie gaat.' }],
    });
    await assignHandlerAs(server, as('manager'), caseId, person('handler'));
    await assignHandlerAs(server, as('manager'), otherCaseId, person('handler2'));
    await referToCommission(server, mhr, caseId, commission.id);
  });
  afterAll(() => server.close());

  it('lists for the commission only the referred case, and none of its people', async () => {
    expect(await listed('member')).toEqual([caseId]);
    expect(await listed('member', other)).toEqual([]);
    expect(await listed('member', commission)).toEqual([]);
    const kase = await seen('member');
    expect(kase).toMatchObject({ id: caseId, handlerIds: null, clientId: null });
    expect(kase!.confidantGrants).toBeNull();
    expect(kase!.messages).toEqual([]);
    expect(await seen('member', mhr, otherCaseId)).toBeNull();
  });

  it('lets the commission ask for information, which the client side and staff read too', async () => {
    const asked = await ask('member', 'Wilt u het oude herstelplan meesturen?');
    expect(asked.errors).toBeUndefined();
    expect(asked.data!.postMessage.visibility).toBe('SHARED');
    requestId = asked.data!.postMessage.id;
    for (const name of ['member', 'client', 'handler', 'manager'])
      expect((await seen(name))!.messages.map((m) => m.id)).toContain(requestId);
    expect((await seen('member'))!.timeline.map((e) => e.type)).toContain('message-posted');

    // The client's own message is not the commission's until the client approves it.
    const fromClient = await ask('client', 'Het oude plan zit als bijlage bij mijn klacht.');
    expect(fromClient.errors).toBeUndefined();
    expect((await seen('member'))!.messages.map((m) => m.id)).toEqual([requestId]);
  });

  it('shows the commission the hearing planned on the referred case, not other meetings', async () => {
    const hearing = await schedule('handler', 'HEARING', [person('client'), person('handler')]);
    expect(hearing.errors).toBeUndefined();
    hearingId = hearing.data!.scheduleMeeting.id;
    const mediation = await schedule('handler', 'MEETING', [person('client'), person('handler')]);
    expect(mediation.errors).toBeUndefined();
    mediationId = mediation.data!.scheduleMeeting.id;
    server.clock.advance(2 * 60 * MINUTE);
    const present = await server.gql<{ recordAttendance: { __typename: string } }>(
      RECORD_ATTENDANCE,
      { input: { meetingId: hearingId, presentIds: [person('client'), person('handler')] } },
      as('handler'),
    );
    expect(present.data?.recordAttendance.__typename).toBe('Meeting');
    const minuted = await server.gql<{ recordMinutes: { __typename: string } }>(
      RECORD_MINUTES,
      { input: { meetingId: hearingId, text: 'Beide kanten zijn gehoord.' } },
      as('handler'),
    );
    expect(minuted.data?.recordMinutes.__typename).toBe('Minutes');

    const asMember = await seen('member');
    expect(asMember!.meetings).toEqual([
      { id: hearingId, kind: 'HEARING', minutes: { text: 'Beide kanten zijn gehoord.' } },
    ]);
    // The client and staff see both, each once.
    for (const name of ['client', 'handler'])
      expect((await seen(name))!.meetings.map((m) => m.id)).toEqual([hearingId, mediationId]);
  });

  it('shows another organisation, and the client and handler of another case, nothing', async () => {
    expect(await seen('otherDirector', other)).toBeNull();
    expect(await seen('client2')).toBeNull();
    expect(await seen('handler2')).toBeNull();
    // Asked through the other organisation the commission also serves, the case is not there.
    expect(await seen('member', other)).toBeNull();
    for (const [name, organisation] of [
      ['otherDirector', other],
      ['client2', mhr],
      ['handler2', mhr],
      ['member', other],
    ] as const) {
      const refused = await ask(name, 'Mag ik meelezen?', organisation);
      expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('shows the commission nothing once the referral has ended', async () => {
    const referral = (await seen('manager'))!.referrals!.find((r) => r.active)!;
    const ended = await server.gql(END, { caseId, referralId: referral.id }, as('manager'));
    expect(ended.errors).toBeUndefined();

    expect(await listed('member')).toEqual([]);
    expect(await seen('member')).toBeNull();
    const late = await ask('member', 'Nog een vraag.');
    expect(late.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // What it asked stays part of the case for the organisation and the client.
    expect((await seen('client'))!.messages.map((m) => m.id)).toContain(requestId);
    // A hearing planned after the referral is no longer the commission's: nothing is bundled.
    const later = await schedule('handler', 'HEARING', [person('handler')]);
    expect(later.errors).toBeUndefined();
    const bundled = await withTenantTransaction(server.ownerOrm, { organisationId: mhr.id }, (em) =>
      em.find(MeetingAudience, {
        meetingId: { $in: [hearingId, later.data!.scheduleMeeting.id] },
      }),
    );
    expect(bundled.map((a) => [a.meetingId, a.visibility, a.bundled]).sort()).toEqual(
      [
        [hearingId, 'shared', true],
        [later.data!.scheduleMeeting.id, 'internal', false],
      ].sort(),
    );
  });
});
