import type { PlainDate } from './calendar/plain-date.js';
import { pendingNotices } from './case-queries.js';
import type {
  InputDefinition,
  Label,
  Participant,
  ProcedureDefinition,
  Requirement,
} from './definition.schema.js';
import type { CaseFacts, LetterFact, MeetingFact } from './facts.js';
import type { CaseState } from './state.js';

/**
 * A payload that satisfies an action's inputs, for demo data, route exploration and tests.
 * `variant` picks among choices and outcomes, so different variants explore different branches
 * (guards and extension rules may still refuse a given variant). Pass the inputs as
 * `availableActions` offers them, so a member approval names a member the actor can answer on.
 */
export function examplePayload(
  inputs: readonly (InputDefinition & { options?: { value: string; label: Label }[] })[],
  state: CaseState,
  today: PlainDate,
  variant = 0,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const input of inputs) {
    switch (input.kind) {
      case 'text':
        payload[input.id] = `Toelichting: ${input.label.nl}.`;
        break;
      case 'motivation':
        payload[input.id] =
          `Motivering bij ${input.label.nl.toLowerCase()}: besproken en vastgelegd.`;
        break;
      case 'date':
        payload[input.id] = today;
        break;
      case 'choice':
        payload[input.id] = input.options[variant % input.options.length]?.value;
        break;
      case 'complaint-parts':
        payload[input.id] = state.parts.map((part, index) => ({
          part: part.id,
          outcome: input.outcomes[(variant + index) % input.outcomes.length],
          reasoning: 'Afgewogen op grond van de gesprekken en de stukken.',
        }));
        break;
      case 'sign-off':
        // A typed list of who signed is a claim the engine refuses (claim-not-fact, ADR 0099):
        // signatures are facts of the case record, which `exampleFacts` makes it hold.
        break;
      case 'documents':
        // Placeholder ids, only as many as required: a server checks document ids against the
        // case, so whoever replays a payload with required documents uploads real ones first.
        payload[input.id] = Array.from({ length: input.min }, (_, i) => `stuk-${i + 1}`);
        break;
      case 'measures':
        payload[input.id] = [
          {
            description: 'Werkafspraken bespreken in het teamoverleg',
            owner: 'Leidinggevende',
            due: today,
          },
        ];
        break;
      case 'participants':
        payload[input.id] = Array.from({ length: Math.max(input.min, 1) }, (_, i) => ({
          name: `Commissielid ${i + 1}`,
          chair: i === 0,
          independent: true,
        }));
        break;
      case 'extension':
        payload[input.id] = {
          amount: 1 + (variant % 4),
          unit: 'weeks',
          reason: 'Er is nog een gesprek met de medewerker nodig voor een zorgvuldig oordeel.',
        };
        break;
      case 'member-approval': {
        const member =
          input.options?.[0]?.value ?? state.members?.[input.commission]?.[0]?.id ?? 'lid-1';
        payload[input.id] =
          variant % 3 === 2
            ? { member, approve: false, reason: 'Dit lid kent de medewerker persoonlijk.' }
            : { member, approve: true };
        break;
      }
    }
  }
  return payload;
}

/**
 * Facts of a case record that meet the given requirements, and complete the notice (and consent)
 * of every pending extension, dated `today`: what a demo or a test makes the server's record hold
 * before taking a step. Requirements on the state (approvals) are met by actions, not facts.
 */
export function exampleFacts(
  procedure: ProcedureDefinition,
  state: CaseState,
  requirements: readonly Requirement[],
  today: PlainDate,
): CaseFacts {
  const meetings: MeetingFact[] = [];
  const letters: LetterFact[] = [];
  requirements.forEach((requirement, i) => {
    switch (requirement.kind) {
      case 'minutes-signed': {
        const people = unique<Participant>([
          'client',
          'handler',
          ...requirement.invited,
          ...requirement.present,
        ]);
        meetings.push({
          id: `gesprek-${i + 1}`,
          kind: requirement.meeting,
          on: today,
          invited: people,
          present: people,
          minutesSignedOn: today,
        });
        return;
      }
      case 'letter-sent':
        letters.push({
          id: `brief-${i + 1}`,
          kind: requirement.letter,
          sentOn: today,
          to: [...requirement.to],
        });
        return;
      case 'members-approved':
        return;
    }
  });
  const consents: NonNullable<CaseFacts['consents']> = [];
  for (const notice of pendingNotices(procedure, state)) {
    if (notice.needsConsent && !notice.consentGiven) {
      consents.push({
        id: `toestemming-${notice.extension}`,
        kind: 'extension',
        givenOn: today,
        extension: notice.extension,
      });
    }
    if (notice.noticeTo.length > 0) {
      letters.push({
        id: `verlenging-${notice.extension}`,
        kind: 'extension',
        sentOn: today,
        to: [...notice.noticeTo],
        extension: notice.extension,
      });
    }
  }
  return {
    ...(meetings.length ? { meetings } : {}),
    ...(letters.length ? { letters } : {}),
    ...(consents.length ? { consents } : {}),
  };
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
