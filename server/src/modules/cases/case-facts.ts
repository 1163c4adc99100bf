import {
  amsterdamDate,
  type CaseFacts,
  type LetterFact,
  type MeetingFact,
  type Participant,
} from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { defineRequestLoader } from '../../core/graphql/request-loader.js';
import { Document } from '../documents/document.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import { Meeting } from '../meetings/meeting.entity.js';
import { Minutes } from '../meetings/minutes.entity.js';
import type { Case } from './case.entity.js';

/**
 * What the case record says people did, for the procedure engine (ADR 0030): meetings with who was
 * invited and present and whether everyone present signed the minutes, and the letters sent. The
 * engine never believes a payload that claims these; every engine call on a case gets them. Within
 * a request the facts of every case a response shows are read together.
 */
export function caseFacts(ctx: RequestContext, kase: Case): Promise<CaseFacts> {
  return factsOfCases(ctx).load(kase);
}

const factsOfCases = defineRequestLoader<Case, CaseFacts, string>(
  async (ctx, cases) => {
    const organisationId = cases[0]?.organisationId ?? '';
    const scope = { organisationId, caseId: { $in: cases.map((c) => c.id) } };
    const [meetings, minutes, letters] = await Promise.all([
      ctx.em.find(Meeting, scope),
      ctx.em.find(Minutes, scope),
      ctx.em.find(Document, { ...scope, kind: 'letter', sentAt: { $ne: null } }),
    ]);
    const people = [...new Set(meetings.flatMap((m) => m.participantIds))];
    const staff =
      people.length === 0
        ? []
        : await ctx.em.find(Membership, { organisationId, userId: { $in: people } });
    return cases.map((kase) =>
      factsOf(
        kase,
        meetings.filter((m) => m.caseId === kase.id),
        minutes.filter((m) => m.caseId === kase.id),
        letters.filter((l) => l.caseId === kase.id),
        staff,
      ),
    );
  },
  { cacheKeyFn: (kase) => kase.id, cache: false },
);

function factsOf(
  kase: Case,
  meetings: Meeting[],
  minutes: Minutes[],
  letters: Document[],
  staff: Membership[],
): CaseFacts {
  const partyOf = (userId: string): Participant[] => {
    const parties: Participant[] = [];
    if (userId === kase.clientId) parties.push('client');
    if (kase.confidantIds.includes(userId)) parties.push('confidant');
    if (kase.subjectIds.includes(userId)) parties.push('subject');
    if (kase.handlerIds.includes(userId)) parties.push('handler');
    const roles = staff.find((m) => m.userId === userId)?.roles ?? [];
    if (roles.includes('manager')) parties.push('manager');
    if (roles.includes('director')) parties.push('director');
    return parties;
  };
  const parties = (ids: string[]) => [...new Set(ids.flatMap(partyOf))];
  const meetingFacts: MeetingFact[] = meetings.map((meeting) => {
    const final = minutes.find((m) => m.meetingId === meeting.id)?.finalAt;
    return {
      id: meeting.id,
      kind: meeting.kind,
      on: amsterdamDate(meeting.startsAt),
      invited: parties(meeting.participantIds),
      present: parties(meeting.presentIds ?? []),
      ...(final ? { minutesSignedOn: amsterdamDate(final) } : {}),
    };
  });
  const letterFacts: LetterFact[] = letters.flatMap((letter) =>
    letter.letterKind && letter.sentAt
      ? [
          {
            id: letter.id,
            kind: letter.letterKind,
            sentOn: amsterdamDate(letter.sentAt),
            // `sendLetter` shares a letter with the client side: the client and their confidants.
            to: ['client'],
          },
        ]
      : [],
  );
  return {
    ...(meetingFacts.length > 0 ? { meetings: meetingFacts } : {}),
    ...(letterFacts.length > 0 ? { letters: letterFacts } : {}),
  };
}
