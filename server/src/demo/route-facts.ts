import type { CaseFacts, Participant } from '@klachtpad/procedures';
import type { RequestContext } from '../core/context.js';
import { generateLetter, sendLetter } from '../modules/letters/letter.service.js';
import { recordAttendance, scheduleMeeting } from '../modules/meetings/meeting.service.js';
import { recordMinutes, signMinutes } from '../modules/meetings/minutes.service.js';

/** Runs work as a person (by user id) at the walk's current moment. */
export type ActAs = <T>(userId: string, work: (ctx: RequestContext) => Promise<T>) => Promise<T>;

/**
 * Makes the case record hold what a route step needs (ADR 0030), through the real services and
 * as the people who do it: a meeting of the kind with the parties invited and present, whose
 * minutes staff record and everyone present signs; a letter drafted and sent. The engine then
 * reads them as facts, exactly as it would after the people did this in the web client.
 *
 * @param people the user id acting as each party of the case (client, handler, subject…)
 */
export async function recordRouteFacts(
  act: ActAs,
  caseId: string,
  facts: CaseFacts,
  people: Partial<Record<Participant, string>>,
): Promise<void> {
  const staff = people.handler ?? people.manager ?? people.director;
  if (!staff) throw new Error('A route step needs a member of staff to record its facts.');
  const idsOf = (parties: Participant[]) =>
    [...new Set(parties.map((party) => people[party]))].filter(
      (id): id is string => id !== undefined,
    );
  for (const meeting of facts.meetings ?? []) {
    const present = idsOf(meeting.present);
    const scheduled = await act(staff, (ctx) =>
      scheduleMeeting(ctx, {
        caseId,
        kind: meeting.kind,
        startsAt: ctx.now,
        participantIds: idsOf(meeting.invited),
      }),
    );
    await act(staff, (ctx) =>
      recordAttendance(ctx, { meetingId: scheduled.id, presentIds: present }),
    );
    const recorded = await act(staff, (ctx) =>
      recordMinutes(ctx, {
        meetingId: scheduled.id,
        text: 'Verslag van het gesprek: ieders verhaal is gehoord en de afspraken zijn vastgelegd.',
      }),
    );
    if (recorded.kind !== 'minutes') throw new Error(`Minutes refused: ${recorded.code}`);
    for (const signer of present) {
      const signed = await act(signer, (ctx) =>
        signMinutes(ctx, { minutesId: recorded.minutes.id }),
      );
      if (signed.kind !== 'minutes') throw new Error(`Signing refused: ${signed.code}`);
    }
  }
  for (const letter of facts.letters ?? []) {
    // One letter per recipient the step names: the client's side, and a subject their own.
    const recipients = new Set(
      letter.to.map((party) => (party === 'subject' ? 'subject' : 'client')),
    );
    for (const recipient of recipients) {
      const subjectId = recipient === 'subject' ? people.subject : undefined;
      if (recipient === 'subject' && !subjectId)
        throw new Error('A letter to the subject needs a subject of the case.');
      const drafted = await act(staff, (ctx) =>
        generateLetter(ctx, { caseId, kind: letter.kind, ...(subjectId ? { subjectId } : {}) }),
      );
      if (drafted.kind !== 'generated') throw new Error(`Letter refused: ${drafted.code}`);
      await act(staff, (ctx) => sendLetter(ctx, drafted.document.id));
    }
  }
}
