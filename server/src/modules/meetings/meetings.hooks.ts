import { amsterdamDate, type MeetingFact, type Participant } from '@klachtpad/procedures';
import type { RequestContext } from '../../core/context.js';
import { onHook } from '../../core/hooks.js';
import { CASE_FACTS, type CaseFactsGathering } from '../cases/case-facts.js';
import type { Case } from '../cases/case.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import { Meeting } from './meeting.entity.js';
import { Minutes } from './minutes.entity.js';

/**
 * The meetings of cases as facts for the engine: who was invited and present (by their part in the
 * case) and the day the last person present signed the minutes (ADR 0030).
 */
async function meetingFacts(ctx: RequestContext, gathering: CaseFactsGathering): Promise<void> {
  const cases = gathering.cases.filter(({ needed }) => needed.meetings).map(({ kase }) => kase);
  const organisationId = cases[0]?.organisationId;
  if (!organisationId) return;
  const scope = { organisationId, caseId: { $in: cases.map((c) => c.id) } };
  const [meetings, minutes] = await Promise.all([
    ctx.em.find(Meeting, scope),
    ctx.em.find(Minutes, scope),
  ]);
  const people = [...new Set(meetings.flatMap((m) => m.participantIds))];
  const staff =
    people.length === 0
      ? []
      : await ctx.em.find(Membership, { organisationId, userId: { $in: people } });
  for (const kase of cases) {
    const partiesOf = parties(kase, staff);
    const facts: MeetingFact[] = meetings
      .filter((meeting) => meeting.caseId === kase.id)
      .map((meeting) => {
        const final = minutes.find((m) => m.meetingId === meeting.id)?.finalAt;
        return {
          id: meeting.id,
          kind: meeting.kind,
          on: amsterdamDate(meeting.startsAt),
          invited: partiesOf(meeting.participantIds),
          present: partiesOf(meeting.presentIds ?? []),
          ...(final ? { minutesSignedOn: amsterdamDate(final) } : {}),
        };
      });
    if (facts.length > 0)
      gathering.facts.set(kase.id, { ...gathering.facts.get(kase.id), meetings: facts });
  }
}

/** People named by their part in the case: the client, a confidant, a subject, a handler, … */
function parties(kase: Case, staff: Membership[]) {
  const of = (userId: string): Participant[] => {
    const found: Participant[] = [];
    if (userId === kase.clientId) found.push('client');
    if (kase.confidantIds.includes(userId)) found.push('confidant');
    if (kase.subjectIds.includes(userId)) found.push('subject');
    if (kase.handlerIds.includes(userId)) found.push('handler');
    const roles = staff.find((m) => m.userId === userId)?.roles ?? [];
    if (roles.includes('manager')) found.push('manager');
    if (roles.includes('director')) found.push('director');
    return found;
  };
  return (ids: string[]) => [...new Set(ids.flatMap(of))];
}

export const MEETING_HOOKS = [onHook(CASE_FACTS, 'meetings', { effect: meetingFacts })];
