import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assignHandlerAs,
  countRows,
  fileComplaintAs,
  grantConfidant,
} from '../../../test/casework-fixtures.js';
import {
  arrangeOrganisation,
  publishTemplate,
  signIn,
  startTestServer,
  type ArrangedOrganisation,
  type TestServer,
} from '../../../test/harness.js';
import { CaseEvent } from '../cases/case-event.entity.js';
import { Meeting } from './meeting.entity.js';
import { Minutes, MinutesSignature } from './minutes.entity.js';

const SCHEDULE = /* GraphQL */ `
  mutation Schedule($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
      kind
      participantIds
      presentIds
    }
  }
`;
const ATTENDANCE = /* GraphQL */ `
  mutation Attendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      __typename
      ... on Meeting {
        presentIds
      }
      ... on MeetingRefused {
        code
        message
      }
    }
  }
`;
const MINUTES_FIELDS = /* GraphQL */ `
  __typename
  ... on Minutes {
    id
    text
    final
    revisedAt
    signatures {
      signerId
      dissent
    }
    awaitingSignatureIds
  }
  ... on MeetingRefused {
    code
    message
  }
`;
const RECORD_MINUTES = /* GraphQL */ `
  mutation Minutes($input: RecordMinutesInput!) {
    recordMinutes(input: $input) { ${MINUTES_FIELDS} }
  }
`;
const SIGN = /* GraphQL */ `
  mutation Sign($minutesId: ID!, $dissent: String) {
    signMinutes(minutesId: $minutesId, dissent: $dissent) { ${MINUTES_FIELDS} }
  }
`;
const MEETINGS = /* GraphQL */ `
  query Meetings($id: ID!) {
    case(id: $id) {
      meetings {
        id
        kind
        location
        presentIds
        minutes {
          text
          final
          signatures {
            signerId
            dissent
          }
        }
      }
      timeline {
        type
        visibility
      }
    }
  }
`;

interface MinutesResult {
  __typename: string;
  id: string;
  text: string;
  final: boolean;
  revisedAt: string | null;
  signatures: { signerId: string; dissent: string | null }[];
  awaitingSignatureIds: string[];
  code: string;
  message: string;
}
interface Seen {
  case: {
    meetings: {
      id: string;
      kind: string;
      presentIds: string[] | null;
      minutes: { text: string; final: boolean; signatures: { dissent: string | null }[] } | null;
    }[];
    timeline: { type: string; visibility: string }[];
  } | null;
}

const MINUTE = 60_000;

/**
 * Hearing both sides at Bureau MHR: a joint hearing of the client and the employee complained
 * about, a separate hearing of the employee, and a staff meeting. Each sees the meetings they
 * take part in; everyone present signs the minutes, one with a note of dissent.
 */
describe('meetings, hearings and their minutes', () => {
  let server: TestServer;
  let mhr: ArrangedOrganisation;
  let other: ArrangedOrganisation;
  const tokens: Record<string, string> = {};
  let caseId: string;
  let otherCaseId: string;
  let jointHearing: string;
  let staffMeeting: string;
  let subjectHearing: string;
  let minutesId: string;
  let subjectMinutesId: string;

  const as = (name: string) => ({ token: tokens[name], organisation: mhr.slug });
  const person = (name: string) => mhr.people[name]!.id;
  const soon = () => new Date(server.clock.now().getTime() + 60 * MINUTE).toISOString();
  const schedule = (name: string, input: Record<string, unknown>) => {
    server.clock.advance(MINUTE);
    return server.gql<{ scheduleMeeting: { id: string; kind: string } }>(
      SCHEDULE,
      { input: { caseId, kind: 'HEARING', startsAt: soon(), ...input } },
      as(name),
    );
  };
  const attendance = (name: string, meetingId: string, presentIds: string[]) =>
    server.gql<{ recordAttendance: { __typename: string; code?: string; presentIds?: string[] } }>(
      ATTENDANCE,
      { input: { meetingId, presentIds } },
      as(name),
    );
  const recordMinutes = (name: string, meetingId: string, text: string) =>
    server.gql<{ recordMinutes: MinutesResult }>(
      RECORD_MINUTES,
      { input: { meetingId, text } },
      as(name),
    );
  const sign = (name: string, id: string, dissent?: string) => {
    server.clock.advance(MINUTE);
    return server.gql<{ signMinutes: MinutesResult }>(SIGN, { minutesId: id, dissent }, as(name));
  };
  const seenBy = async (name: string) =>
    (await server.gql<Seen>(MEETINGS, { id: caseId }, as(name))).data?.case ?? null;

  beforeAll(async () => {
    // The story's clock moves on while some people stay idle: keep their sessions.
    server = await startTestServer({ env: { SESSION_IDLE_MINUTES: '240' } });
    mhr = await arrangeOrganisation(server.ownerOrm, {
      client: ['client'],
      client2: ['client'],
      confidant: ['confidant'],
      handler: ['handler'],
      handler2: ['handler'],
      employee: ['handler'],
      manager: ['manager'],
      director: ['director'],
    });
    other = await arrangeOrganisation(server.ownerOrm, { director: ['director'] });
    await publishTemplate(server.ownerOrm, mhr, 'bureau-mhr', mhr.people.director!);
    for (const name of Object.keys(mhr.people))
      tokens[name] = await signIn(server, mhr.people[name]!);
    tokens.otherDirector = await signIn(server, other.people.director!);
    caseId = await fileComplaintAs(server, as('client'), {
      parts: [{ summary: 'Mijn begeleider schreeuwde tegen mij.' }],
      subjectIds: [person('employee')],
    });
    otherCaseId = await fileComplaintAs(server, as('client2'), {
      parts: [{ summary: 'Een andere klacht.' }],
    });
    await assignHandlerAs(server, as('manager'), caseId, person('handler'));
    await grantConfidant(server, mhr, caseId, person('confidant'));
  });
  afterAll(() => server.close());

  it('lets the handler schedule meetings with the people of the case', async () => {
    const joint = await schedule('handler', {
      location: 'Kantoor, kamer 2',
      participantIds: [
        person('client'),
        person('confidant'),
        person('employee'),
        person('handler'),
      ],
    });
    expect(joint.errors).toBeUndefined();
    jointHearing = joint.data!.scheduleMeeting.id;
    const staff = await schedule('manager', {
      kind: 'MEETING',
      participantIds: [person('handler'), person('manager')],
    });
    expect(staff.errors).toBeUndefined();
    staffMeeting = staff.data!.scheduleMeeting.id;
    const separate = await schedule('handler', {
      participantIds: [person('employee'), person('handler')],
    });
    expect(separate.errors).toBeUndefined();
    subjectHearing = separate.data!.scheduleMeeting.id;
  });

  it('shows each meeting to its participants and to staff on the case', async () => {
    const ids = async (name: string) => (await seenBy(name))?.meetings.map((m) => m.id) ?? null;
    expect(await ids('client')).toEqual([jointHearing]);
    expect(await ids('confidant')).toEqual([jointHearing]);
    expect(await ids('employee')).toEqual([jointHearing, subjectHearing]);
    for (const name of ['handler', 'manager', 'director'])
      expect((await ids(name))?.sort()).toEqual(
        [jointHearing, staffMeeting, subjectHearing].sort(),
      );
    expect(await ids('handler2')).toBeNull();
    const otherOrganisation = await server.gql<Seen>(
      MEETINGS,
      { id: caseId },
      { token: tokens.otherDirector, organisation: other.slug },
    );
    expect(otherOrganisation.data?.case).toBeNull();
  });

  it('records each scheduling on the timeline once per audience', async () => {
    const scheduled = async (name: string) =>
      (await seenBy(name))!.timeline
        .filter((e) => e.type === 'meeting-scheduled')
        .map((e) => e.visibility)
        .sort();
    expect(await scheduled('client')).toEqual(['shared']);
    expect(await scheduled('employee')).toEqual(['subject', 'subject']);
    expect(await scheduled('handler')).toEqual(['internal', 'shared', 'subject', 'subject']);
  });

  it('lets only staff on the case schedule, as if the case did not exist for anyone else', async () => {
    for (const name of ['client', 'confidant', 'employee', 'handler2']) {
      const refused = await schedule(name, { participantIds: [person('handler')] });
      expect(refused.errors?.[0]?.extensions?.code, name).toBe('NOT_FOUND');
    }
  });

  it('refuses participants who are not people of the case, and other bad input, writing nothing', async () => {
    const before = {
      meetings: await countRows(server, mhr, Meeting),
      events: await countRows(server, mhr, CaseEvent),
    };
    const bad: Record<string, unknown>[] = [
      { participantIds: [other.people.director!.id] },
      { participantIds: [person('handler2')] }, // a handler, but not on this case
      { participantIds: [person('client2')] },
      { participantIds: [otherCaseId] }, // an id of another type
      { participantIds: [person('handler'), person('handler')] },
      { participantIds: [] },
      { participantIds: ['not-an-id'] },
      { participantIds: [person('handler')], location: 'kamer\u00002' },
      { participantIds: [person('handler')], location: 'x'.repeat(201) },
      { participantIds: [person('handler')], startsAt: 'morgen' },
      { participantIds: [person('handler')], kind: 'PARTY' },
    ];
    for (const input of bad) {
      const result = await schedule('handler', input);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
    }
    expect(await countRows(server, mhr, Meeting)).toBe(before.meetings);
    expect(await countRows(server, mhr, CaseEvent)).toBe(before.events);
  });

  it('records attendance once the meeting has begun, from the people invited', async () => {
    const early = await attendance('handler', jointHearing, [person('handler')]);
    expect(early.data?.recordAttendance).toMatchObject({
      __typename: 'MeetingRefused',
      code: 'MEETING_NOT_HELD_YET',
    });
    server.clock.advance(90 * MINUTE);
    const uninvited = await attendance('handler', jointHearing, [person('manager')]);
    expect(uninvited.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'presentIds',
    });
    expect(
      (await attendance('client', jointHearing, [person('client')])).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
    // The confidant could not come.
    const present = [person('client'), person('employee'), person('handler')];
    const recorded = await attendance('handler', jointHearing, present);
    expect(recorded.data?.recordAttendance).toEqual({ __typename: 'Meeting', presentIds: present });
  });

  it('asks for attendance before minutes, and allows revising them until someone signs', async () => {
    const tooSoon = await recordMinutes('handler', staffMeeting, 'Overleg.');
    expect(tooSoon.data?.recordMinutes.code).toBe('ATTENDANCE_NOT_RECORDED');
    const first = await recordMinutes('handler', jointHearing, 'Beide partijen gehoord.');
    expect(first.data?.recordMinutes).toMatchObject({
      __typename: 'Minutes',
      final: false,
      revisedAt: null,
      awaitingSignatureIds: [person('client'), person('employee'), person('handler')],
    });
    minutesId = first.data!.recordMinutes.id;
    const revised = await recordMinutes('handler', jointHearing, 'Beide partijen zijn gehoord.');
    expect(revised.data?.recordMinutes).toMatchObject({
      id: minutesId,
      text: 'Beide partijen zijn gehoord.',
    });
    expect(revised.data?.recordMinutes.revisedAt).not.toBeNull();
    const byClient = await recordMinutes('client', jointHearing, 'Mijn versie.');
    expect(byClient.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('lets everyone present sign, one with a dissent note, and makes the minutes final with the last signature', async () => {
    expect((await sign('confidant', minutesId)).data?.signMinutes.code).toBe('NOT_PRESENT');
    expect((await sign('manager', minutesId)).data?.signMinutes.code).toBe('NOT_PRESENT');
    const byClient = await sign('client', minutesId, 'Ik heb gezegd dat het vaker gebeurde.');
    expect(byClient.data?.signMinutes).toMatchObject({
      __typename: 'Minutes',
      final: false,
      awaitingSignatureIds: [person('employee'), person('handler')],
    });
    expect((await sign('client', minutesId)).data?.signMinutes.code).toBe('ALREADY_SIGNED');
    expect((await sign('employee', minutesId)).data?.signMinutes.final).toBe(false);
    const last = await sign('handler', minutesId);
    expect(last.data?.signMinutes).toMatchObject({ final: true, awaitingSignatureIds: [] });
    expect(last.data?.signMinutes.signatures).toEqual([
      { signerId: person('client'), dissent: 'Ik heb gezegd dat het vaker gebeurde.' },
      { signerId: person('employee'), dissent: null },
      { signerId: person('handler'), dissent: null },
    ]);
    expect((await sign('handler', minutesId)).data?.signMinutes.code).toBe('MINUTES_FINAL');
  });

  it('refuses to change minutes or attendance once signing has started', async () => {
    const edit = await recordMinutes('handler', jointHearing, 'Toch iets anders.');
    expect(edit.data?.recordMinutes).toMatchObject({
      __typename: 'MeetingRefused',
      code: 'MINUTES_FINAL',
    });
    const present = await attendance('handler', jointHearing, [person('handler')]);
    expect(present.data?.recordAttendance.code).toBe('MINUTES_FINAL');
    // Another hearing: text frozen from the first signature, before it is final.
    await attendance('handler', subjectHearing, [person('employee'), person('handler')]);
    const recorded = await recordMinutes('handler', subjectHearing, 'Medewerker gehoord.');
    subjectMinutesId = recorded.data!.recordMinutes.id;
    await sign('employee', subjectMinutesId, 'Niet volledig.');
    const frozen = await recordMinutes('handler', subjectHearing, 'Aangepast.');
    expect(frozen.data?.recordMinutes.code).toBe('MINUTES_BEING_SIGNED');
    const attendanceFrozen = await attendance('handler', subjectHearing, [person('handler')]);
    expect(attendanceFrozen.data?.recordAttendance.code).toBe('MINUTES_BEING_SIGNED');
    const seen = await seenBy('employee');
    expect(seen!.meetings.find((m) => m.id === subjectHearing)!.minutes).toMatchObject({
      text: 'Medewerker gehoord.',
      final: false,
    });
  });

  it('shows the minutes, signatures and dissent to those who see the meeting, and hides the rest', async () => {
    const client = await seenBy('client');
    expect(client!.meetings).toHaveLength(1);
    expect(client!.meetings[0]!.minutes).toMatchObject({
      final: true,
      signatures: [
        { dissent: 'Ik heb gezegd dat het vaker gebeurde.' },
        { dissent: null },
        { dissent: null },
      ],
    });
    const signed = client!.timeline.filter((e) => e.type.startsWith('minutes-'));
    expect(signed.map((e) => e.type)).toEqual([
      'minutes-recorded',
      'minutes-revised',
      'minutes-signed',
      'minutes-signed',
      'minutes-signed',
      'minutes-final',
    ]);
    expect(signed.every((e) => e.visibility === 'shared')).toBe(true);
    // The separate hearing, its minutes and the employee's dissent are not the client's.
    const employee = await seenBy('employee');
    expect(employee!.meetings.find((m) => m.id === subjectHearing)!.minutes).toMatchObject({
      signatures: [{ dissent: 'Niet volledig.' }],
    });
    expect(client!.meetings.some((m) => m.id === subjectHearing)).toBe(false);
  });

  it('answers minutes that are not the viewer’s exactly like minutes that do not exist', async () => {
    const signatures = await countRows(server, mhr, MinutesSignature);
    const minutesRows = await countRows(server, mhr, Minutes);
    const missing = await sign('client', '00000000-0000-4000-8000-000000000000');
    const notTheirs = await Promise.all([
      sign('handler2', minutesId),
      server.gql(SIGN, { minutesId }, { token: tokens.otherDirector, organisation: other.slug }),
      sign('client', subjectMinutesId), // the separate hearing of the employee
      sign('client', caseId), // a case id is no minutes id
    ]);
    for (const result of notTheirs) expect(result.errors).toEqual(missing.errors);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const nul = await sign('client', minutesId, 'a\u0000b');
    expect(nul.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const oversized = await recordMinutes('handler', staffMeeting, 'x'.repeat(50_001));
    expect(oversized.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await countRows(server, mhr, MinutesSignature)).toBe(signatures);
    expect(await countRows(server, mhr, Minutes)).toBe(minutesRows);
  });
});
